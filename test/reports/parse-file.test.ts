import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryFile } from "../../src/reports/file.js";
import type { Report } from "../../src/reports/model.js";
import { unreadable } from "../../src/reports/model.js";
import { parseReportFile, parseReportPaths } from "../../src/reports/parse-file.js";
import type { FormatParser, ReportFile } from "../../src/reports/parser.js";
import { readText } from "../../src/reports/read.js";

/** A tests parser for "<t name=.. file=..>" lines: enough to see the pipeline at work. */
const fake: FormatParser = {
  format: "fake",
  kind: "tests",
  sniff: (head) => head.startsWith("<fake"),
  async parse(file, ctx) {
    const text = await readText(file, ctx);
    if (!text.ok) return [unreadable(file.path, text.reason, "fake")];
    if (text.value.includes("THROW")) throw new Error("boom");
    const cases = [...text.value.matchAll(/<t name="([^"]*)" file="([^"]*)"/g)].map((m) => ({
      name: m[1] ?? "",
      file: m[2] ?? "",
      status: "passed" as const,
    }));
    const n = cases.length;
    return [
      {
        kind: "tests",
        format: "fake",
        source: file.path,
        totals: { tests: n, passed: n, failed: 0, errors: 0, skipped: 0, duration_ms: 0 },
        cases,
      },
    ];
  },
};
const parsers = [fake];

function reasons(reports: Report[]): string[] {
  return reports.map((r) => (r.kind === "unreadable" ? r.reason : r.kind));
}

describe("parseReportFile", () => {
  it("parses a claimed file and normalises its paths", async () => {
    const body = '<fake>\n<t name="a" file="/home/runner/work/r/r/tests/a.py"/>';
    const [report] = await parseReportFile(memoryFile("junit.xml", body), { parsers });
    expect(report?.kind).toBe("tests");
    if (report?.kind !== "tests") return;
    expect(report.cases[0]?.file).toBe("tests/a.py");
  });

  it("reads UTF-8 with a BOM and UTF-16 files (LE and BE)", async () => {
    const body = '<fake><t name="ü" file="x.py"/>';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, "utf16le")]);
    const utf16be = Buffer.from(utf16).swap16();
    for (const bytes of [`\uFEFF${body}`, new Uint8Array(utf16), new Uint8Array(utf16be)]) {
      const [report] = await parseReportFile(memoryFile("r.trx", bytes), { parsers });
      expect(report?.kind === "tests" && report.cases[0]?.name).toBe("ü");
    }
  });

  it.each([
    ["screenshot.png", "<fake>", []],
    ["notes.txt", "hello", []],
    ["build.log", "<?xml version='1.0'?><log/>", []],
    ["binary.txt", "<fake>\u0000\u0001", []],
    ["binary.xml", "\u0000\u0001", ["unrecognised format: binary content (NUL bytes), not a text report"]],
    ["empty.xml", "", ["file is empty"]],
    ["blank.json", "  \n", ["file is empty"]],
    ["other.xml", "<coverage/>", ["unrecognised format: no supported report format matches this file"]],
    ["x.sarif", "{}", ["unrecognised format: no supported report format matches this file"]],
  ])("%s is classified without a module", async (path, body, expected) => {
    expect(reasons(await parseReportFile(memoryFile(path, body), { parsers }))).toEqual(expected);
  });

  it("turns a module that throws into an unreadable report and tells the caller", async () => {
    const seen: string[] = [];
    const reports = await parseReportFile(memoryFile("r.xml", "<fake>THROW"), {
      parsers,
      onInternalError: (_e, format, path) => seen.push(`${format}:${path}`),
    });
    expect(reports).toEqual([
      { kind: "unreadable", source: "r.xml", format: "fake", reason: "internal error in fake parser: boom" },
    ]);
    expect(seen).toEqual(["fake:r.xml"]);
  });

  it("refuses files over the size bound before parsing them", async () => {
    const reports = await parseReportFile(memoryFile("r.xml", `<fake>${"x".repeat(3000)}`), {
      parsers,
      limits: { maxReportBytes: 1024 },
    });
    expect(reasons(reports)).toEqual(["file is 2.9 KB, over the 1.0 KB limit for one report"]);
    expect(reports[0]).toMatchObject({ format: "fake" });
  });

  it("reads only the head of a file that is not a report", async () => {
    let chunksRead = 0;
    const endless: ReportFile = {
      path: "big.bin.txt",
      size: 1e12,
      async *open() {
        for (;;) {
          chunksRead++;
          yield new Uint8Array(16 * 1024).fill(65);
        }
      },
    };
    expect(await parseReportFile(endless, { parsers })).toEqual([]);
    expect(chunksRead).toBeLessThanOrEqual(4);
  });
});

describe("parseReportPaths", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tollgate-parse-"));
    await mkdir(join(dir, "a/b"), { recursive: true });
    await mkdir(join(dir, "node_modules/pkg"), { recursive: true });
    await mkdir(join(dir, ".git"), { recursive: true });
    await writeFile(join(dir, "a/b/one.xml"), '<fake><t name="1" file="x"/>');
    await writeFile(join(dir, "a/two.xml"), "<fake>");
    await writeFile(join(dir, "a/shot.png"), "<fake>");
    await writeFile(join(dir, "broken.json"), "{");
    await writeFile(join(dir, "node_modules/pkg/r.xml"), "<fake>");
    await writeFile(join(dir, ".git/r.xml"), "<fake>");
    await symlink(join(dir, "a"), join(dir, "loop"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("walks directories in name order; sources are relative to the directory given", async () => {
    const { reports, missing } = await parseReportPaths([dir], { parsers });
    expect(missing).toEqual([]);
    expect(reports.map((r) => `${r.kind}:${r.source}`)).toEqual([
      "tests:a/b/one.xml",
      "tests:a/two.xml",
      "unreadable:broken.json",
    ]);
  });

  it("keeps a file's path as given", async () => {
    const file = join(dir, "a/two.xml");
    const { reports, missing } = await parseReportPaths([file], { parsers });
    expect(reports.map((r) => r.source)).toEqual([file]);
    expect(missing).toEqual([]);
  });

  it("reads nothing when an input is missing, and lists the missing ones", async () => {
    const { reports, missing } = await parseReportPaths([join(dir, "a/two.xml"), "nope", "a"], {
      parsers,
      cwd: dir,
    });
    expect(reports).toEqual([]);
    expect(missing).toEqual(["nope"]);
  });

  it("stops at the file count bound and says so", async () => {
    const { reports } = await parseReportPaths([join(dir, "a")], { parsers, maxFiles: 1 });
    expect(reasons(reports)).toEqual([
      "tests",
      "more than 1 files in this directory; only the first 1 were read",
    ]);
  });
});
