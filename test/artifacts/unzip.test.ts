// Hostile and ordinary artifact zips, built with the test zip writer (hand-made on purpose: real tools
// do not produce traversal names or lying headers).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkEntryName } from "../../src/artifacts/entry-name.js";
import { DEFAULT_ARTIFACT_LIMITS } from "../../src/artifacts/limits.js";
import { ArtifactBoundError, openArtifactZip } from "../../src/artifacts/unzip.js";
import { buildZip, type ZipEntryInput } from "../support/zip-writer.js";

async function zipOnDisk(entries: ZipEntryInput[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-test-zip-"));
  const file = join(dir, "a.zip");
  await writeFile(file, buildZip(entries));
  return file;
}

async function readAll(it: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString("utf8");
}

describe("checkEntryName", () => {
  it.each([
    ["reports/junit.xml", { ok: true, path: "reports/junit.xml" }],
    ["./coverage.xml", { ok: true, path: "coverage.xml" }],
    ["a\\b\\c.xml", { ok: true, path: "a/b/c.xml" }],
    ["../../etc/passwd", { ok: false, reason: "path traversal ('..') in zip entry" }],
    ["a/../../b", { ok: false, reason: "path traversal ('..') in zip entry" }],
    ["/etc/passwd", { ok: false, reason: "absolute path in zip entry" }],
    ["C:\\Windows\\x.xml", { ok: false, reason: "drive-letter path in zip entry" }],
    ["..\\..\\x.xml", { ok: false, reason: "path traversal ('..') in zip entry" }],
    ["a\0b", { ok: false, reason: "entry name contains a NUL byte" }],
    // found by the fuzz (zip-fuzz.test.ts): a drive letter behind "./"
    ["./C:", { ok: false, reason: "drive-letter path in zip entry" }],
    [".\\C:\\x.xml", { ok: false, reason: "drive-letter path in zip entry" }],
  ])("%j", (name, expected) => {
    expect(checkEntryName(name)).toEqual(expected);
  });
});

describe("openArtifactZip", () => {
  it("reads ordinary entries and skips hostile ones with reasons, keeping the rest", async () => {
    const file = await zipOnDisk([
      { name: "junit.xml", data: "<testsuite/>" },
      { name: "sub/", data: "" },
      { name: "sub/coverage.xml", data: "<coverage/>", store: true },
      { name: "../evil.xml", data: "x" },
      { name: "/abs.xml", data: "x" },
      { name: "link.xml", data: "/etc/passwd", unixMode: 0o120777 },
    ]);
    const opened = await openArtifactZip(file, "reports/", DEFAULT_ARTIFACT_LIMITS);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.zip.files.map((f) => f.path)).toEqual(["reports/junit.xml", "reports/sub/coverage.xml"]);
    expect(opened.zip.skipped).toEqual([
      { path: "reports/../evil.xml", reason: "path traversal ('..') in zip entry" },
      { path: "reports//abs.xml", reason: "absolute path in zip entry" },
      { path: "reports/link.xml", reason: "symbolic link entries are not followed" },
    ]);
    const [first] = opened.zip.files;
    expect(first && (await readAll(first.open()))).toBe("<testsuite/>");
    // Files can be read more than once (detection reads the head, the parser the whole file).
    expect(first && (await readAll(first.open()))).toBe("<testsuite/>");
    opened.zip.close();
  });

  it("refuses an entry whose compression ratio marks a zip bomb", async () => {
    const bomb = Buffer.alloc(20 * 1024 * 1024, 0x20); // 20 MB of spaces deflate to ~20 KB
    const file = await zipOnDisk([
      { name: "bomb.xml", data: bomb },
      { name: "ok.xml", data: "<a/>" },
    ]);
    const opened = await openArtifactZip(file, "", DEFAULT_ARTIFACT_LIMITS);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.zip.files.map((f) => f.path)).toEqual(["ok.xml"]);
    expect(opened.zip.skipped[0]?.reason).toMatch(/^compression ratio \d+:1 is over the 100:1 limit/);
  });

  it("stops at the entry-count bound and says so", async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: "x" }));
    const file = await zipOnDisk(entries);
    const opened = await openArtifactZip(file, "", { ...DEFAULT_ARTIFACT_LIMITS, maxEntries: 10 });
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.zip.files).toHaveLength(10);
    expect(opened.zip.skipped).toEqual([
      { path: "…", reason: "more than 10 entries in the artifact; the rest were not read" },
    ]);
  });

  it("refuses entries over the one-report size bound", async () => {
    const file = await zipOnDisk([{ name: "big.xml", data: Buffer.alloc(2048, 0x41) }]);
    const opened = await openArtifactZip(file, "", { ...DEFAULT_ARTIFACT_LIMITS, maxFileBytes: 1024 });
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.zip.files).toHaveLength(0);
    expect(opened.zip.skipped[0]?.reason).toBe("file is 2.0 KB, over the 1.0 KB limit for one report");
  });

  it("enforces the total uncompressed budget while streaming, whatever the headers say", async () => {
    const file = await zipOnDisk([
      { name: "a.xml", data: Buffer.alloc(3000, 0x41) },
      { name: "b.xml", data: Buffer.alloc(3000, 0x42) },
    ]);
    const opened = await openArtifactZip(file, "", {
      ...DEFAULT_ARTIFACT_LIMITS,
      maxUncompressedBytes: 4000,
    });
    if (!opened.ok) throw new Error(opened.reason);
    const [a, b] = opened.zip.files;
    expect(a && (await readAll(a.open()))).toHaveLength(3000);
    await expect(b && readAll(b.open())).rejects.toThrow(/unpacks to more than/);
  });

  it("rejects a lying uncompressed size (yauzl validates actual bytes)", async () => {
    const file = await zipOnDisk([{ name: "liar.xml", data: Buffer.alloc(5000, 0x41), declaredSize: 10 }]);
    const opened = await openArtifactZip(file, "", DEFAULT_ARTIFACT_LIMITS);
    if (!opened.ok) throw new Error(opened.reason);
    const [liar] = opened.zip.files;
    await expect(liar && readAll(liar.open())).rejects.toThrow();
  });

  it("a damaged local header skips that file with a reason (found by the fuzz), the others still read", async () => {
    const bytes = buildZip([
      { name: "a.xml", data: "<a/>" },
      { name: "b.xml", data: "<b/>" },
    ]);
    bytes[3] = 0; // the first local header's signature
    const dir = await mkdtemp(join(tmpdir(), "tollgate-test-zip-"));
    const file = join(dir, "x.zip");
    await writeFile(file, bytes);
    const opened = await openArtifactZip(file, "", DEFAULT_ARTIFACT_LIMITS);
    if (!opened.ok) throw new Error(opened.reason);
    const [a, b] = opened.zip.files;
    await expect(a && readAll(a.open())).rejects.toBeInstanceOf(ArtifactBoundError);
    await expect(a && readAll(a.open())).rejects.toThrow(/damaged/);
    expect(b && (await readAll(b.open()))).toBe("<b/>");
  });

  it("turns a file that is not a zip into a reason, not an exception", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-test-zip-"));
    const file = join(dir, "x.zip");
    await writeFile(file, "PK\u0003\u0004 this is not really a zip");
    const opened = await openArtifactZip(file, "", DEFAULT_ARTIFACT_LIMITS);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.reason).toMatch(/^not a readable zip archive/);
  });
});
