// Hostile artifacts built in memory (test/support/zip-writer.ts), each next to a good report so that
// "the rest of the artifact is still read" can be checked. Names are what the user must be told about.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { SimArtifact } from "../../support/github-sim.js";
import { buildZip } from "../../support/zip-writer.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const fixture = (p: string) => readFileSync(resolve(ROOT, "fixtures/reports", p));
const MiB = 1024 * 1024;

const junit = (body: string) => `<?xml version="1.0"?>\n<testsuite name="s" tests="1">${body}</testsuite>\n`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<testsuite name="lolz" tests="1"><testcase name="&lol9;"/></testsuite>
`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE testsuite [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<testsuite name="xxe" tests="1"><testcase name="&xxe;"><failure message="&xxe;"/></testcase></testsuite>
`;

/** Every hostile file the suite uses, by artifact; `skipped` lists the names the user must see. */
export function hostileArtifacts(options: { bigLineMiB: number }): {
  artifacts: SimArtifact[];
  skipped: string[];
} {
  const good = { name: "reports/junit.xml", data: fixture("junit/pytest/report-xunit1.xml") };
  const coverage = { name: "coverage.xml", data: fixture("coverage/coverage-py/coverage.xml") };
  const tiny = Array.from({ length: 10_050 }, (_, i) => ({ name: `tiny/${i}.txt`, data: "x" }));
  const nested = `<testsuite name="deep" tests="1">${"<a>".repeat(200_000)}${"</a>".repeat(200_000)}</testsuite>`;
  const artifacts: SimArtifact[] = [
    {
      id: 7001,
      name: "bombs",
      data: buildZip([
        { name: "ratio-bomb.xml", data: Buffer.alloc(64 * MiB, 0x20) },
        { name: "lying-size.xml", data: Buffer.alloc(8 * MiB, 0x41), declaredSize: 100 },
        good,
      ]),
    },
    {
      id: 7002,
      name: "paths",
      data: buildZip([
        { name: "../../escape.xml", data: junit("") },
        { name: "/etc/abs.xml", data: junit("") },
        { name: "C:\\win\\drive.xml", data: junit("") },
        { name: "..\\..\\back.xml", data: junit("") },
        { name: "link.xml", data: "/etc/passwd", unixMode: 0o120777 },
        coverage,
      ]),
    },
    {
      id: 7003,
      name: "xml",
      data: buildZip([
        { name: "laughs.xml", data: BILLION_LAUGHS },
        { name: "xxe.xml", data: XXE },
        { name: "nested.xml", data: nested, store: true },
        {
          name: "bad-utf8.xml",
          data: Buffer.concat([
            Buffer.from(junit('<testcase name="')),
            Buffer.from([0xff, 0xfe, 0xc3]),
            Buffer.from('"/>'),
          ]),
        },
        { name: "nul.xml", data: junit('<testcase name="a\u0000b"/>') },
      ]),
    },
    { id: 7004, name: "many-entries", data: buildZip(tiny) },
  ];
  if (options.bigLineMiB > 0) {
    const bigLine = Buffer.alloc(options.bigLineMiB * MiB, 0x61);
    Buffer.from('<testsuite name="big" tests="1"><testcase name="').copy(bigLine, 0);
    Buffer.from('"/></testsuite>').copy(bigLine, bigLine.length - 15);
    artifacts.push({
      id: 7005,
      name: "big",
      data: buildZip([{ name: "big-line.xml", data: bigLine, store: true }, good]),
    });
  }
  return {
    artifacts,
    skipped: [
      "ratio-bomb.xml",
      "lying-size.xml",
      "escape.xml",
      "abs.xml",
      "link.xml",
      "laughs.xml",
      "xxe.xml",
      "nested.xml",
      "bad-utf8.xml",
      "nul.xml",
      "many-entries",
    ],
  };
}
