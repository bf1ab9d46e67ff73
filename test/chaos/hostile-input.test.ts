// Hostile webhooks and report text that tries to inject, end to end through the real server.
// Webhooks: 4xx or ignored, never a crash, never a GitHub call. Report text: rendered inert, layout intact.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { PR_SHA, workflowRunCompleted } from "../../demo/scenario.js";
import { startGitHubSim } from "../support/github-sim.js";
import { signBody, TEST_SECRET } from "../support/webhooks.js";
import { buildZip } from "../support/zip-writer.js";
import { deliver, idle, startApp } from "./support/app.js";
import { emptyFigures, saveFigures } from "./support/figures.js";
import { prRunWith, seedRepository } from "./support/story.js";

const figures = emptyFigures();
afterAll(() => saveFigures("hostile-input", figures));

const body = JSON.stringify(
  workflowRunCompleted({ id: 9002, name: "CI", sha: PR_SHA, branch: "f", conclusion: "success", pulls: [7] }),
);
const headers = (over: Record<string, string | undefined>, text = body) => {
  const h: Record<string, string | undefined> = {
    "content-type": "application/json",
    "x-github-event": "workflow_run",
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": signBody(TEST_SECRET, text),
    ...over,
  };
  return Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined));
};
const signed = (text: string, event = "workflow_run") => ({
  text,
  headers: headers({ "x-github-event": event }, text),
});

describe("hostile webhooks", () => {
  it("are refused (4xx) or ignored, never crash the server, never call GitHub", async () => {
    const sim = await startGitHubSim();
    seedRepository(sim);
    const app = await startApp(sim, { WEBHOOK_MAX_BYTES: String(256 * 1024) });
    const refused: [string, { text: string; headers: Record<string, string> }][] = [
      ["no signature", { text: body, headers: headers({ "x-hub-signature-256": undefined }) }],
      ["wrong secret", { text: body, headers: headers({ "x-hub-signature-256": signBody("guess", body) }) }],
      [
        "signature over a different body",
        { text: body, headers: headers({ "x-hub-signature-256": signBody(TEST_SECRET, "{}") }) },
      ],
      ["malformed signature", { text: body, headers: headers({ "x-hub-signature-256": "sha256=zz" }) }],
      [
        "sha1 signature only",
        { text: body, headers: headers({ "x-hub-signature-256": undefined, "x-hub-signature": "sha1=00" }) },
      ],
      ["oversized body (1 MiB, signed)", signed(JSON.stringify({ pad: "x".repeat(1024 * 1024) }))],
      ["text/plain", { text: body, headers: headers({ "content-type": "text/plain" }) }],
      [
        "form-urlencoded",
        {
          text: `payload=${encodeURIComponent(body)}`,
          headers: headers(
            { "content-type": "application/x-www-form-urlencoded" },
            `payload=${encodeURIComponent(body)}`,
          ),
        },
      ],
      ["no event header", { text: body, headers: headers({ "x-github-event": undefined }) }],
      ["no delivery id", { text: body, headers: headers({ "x-github-delivery": undefined }) }],
      ["signed, not JSON", signed("{not json")],
      ["signed, empty", signed("")],
    ];
    const ignored: [string, { text: string; headers: Record<string, string> }][] = [
      ["unknown event", signed(JSON.stringify({ action: "x", installation: { id: 4242 } }), "made_up_event")],
      ["workflow_run without fields", signed(JSON.stringify({ action: "completed" }))],
      [
        "workflow_run with wrong types",
        signed(
          JSON.stringify({
            action: "completed",
            workflow_run: { id: "x", head_sha: 5 },
            repository: [],
            installation: { id: 4242 },
          }),
        ),
      ],
      [
        "pull_request without pull_request",
        signed(JSON.stringify({ action: "opened", installation: { id: 4242 } }), "pull_request"),
      ],
      ["JSON array", signed("[1,2,3]")],
      ["JSON null", signed("null")],
    ];
    try {
      const answers: Record<string, number> = {};
      for (const [name, req] of [...refused, ...ignored]) {
        const res = await fetch(app.webhookUrl, { method: "POST", headers: req.headers, body: req.text });
        await res.arrayBuffer();
        answers[name] = res.status;
        figures.deliveriesSent++;
        figures.faultsInjected++;
      }
      figures.scenarios += refused.length + ignored.length;
      await idle(app);
      for (const [name] of refused)
        expect([name, answers[name]]).toEqual([name, expect.toSatisfy((s: number) => s >= 400 && s < 500)]);
      for (const [name] of ignored)
        expect([name, answers[name]]).toEqual([
          name,
          expect.toSatisfy((s: number) => s === 202 || (s >= 400 && s < 500)),
        ]);
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
      // (the app's own poll of missed deliveries, GET /app/hook/deliveries, is not caused by these)
      const calls = sim.requests.filter((r) => !r.path.startsWith("/api/v3/app/hook/deliveries"));
      expect(
        calls.map((r) => `${r.method} ${r.path}`),
        "no GitHub call",
      ).toEqual([]);
    } finally {
      await app.close(2_000);
      await sim.close();
    }
  });
});

const LONG = "n".repeat(10_000);
const HOSTILE_NAMES = [
  `<img src=x onerror=alert(1)> <script>alert(2)</script>`,
  "@acme/admins and @octocat please look",
  "fixes #1 and GH-2 and acme/shop#3",
  "| broken | table |\n| --- |",
  "```\nunclosed fence",
  "<!-- tollgate:report --> [link](javascript:alert(1)) ![img](http://x/y.png)",
  LONG,
];

function junitWith(names: string[]): string {
  const esc = (s: string) =>
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/\n/g, "&#10;");
  const cases = names
    .map(
      (n, i) =>
        `<testcase classname="c${i}" name="${esc(n)}" file="${esc(n)}" line="1"><failure message="${esc(n)}">${esc(n)}</failure></testcase>`,
    )
    .join("");
  return `<?xml version="1.0"?><testsuite name="${esc(HOSTILE_NAMES[0] ?? "")}" tests="${names.length}" failures="${names.length}">${cases}</testsuite>`;
}

/** Text outside fenced code blocks, and whether a fence was left open (CommonMark: a closing fence is at least as long). */
function fences(text: string): { prose: string; unclosed: boolean } {
  let open = 0;
  const prose: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(`{3,})(.*)$/.exec(line);
    if (open === 0 && m?.[1]) open = m[1].length;
    else if (open > 0 && m?.[1] && m[1].length >= open && (m[2] ?? "").trim() === "") open = 0;
    else if (open === 0) prose.push(line);
  }
  return { prose: prose.join("\n"), unclosed: open > 0 };
}

/** Removes inline code spans (CommonMark: a run of n backticks closed by the next run of exactly n). */
function withoutCodeSpans(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "`" || (i > 0 && text[i - 1] === "\\")) {
      out += text[i];
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === "`") n++;
    const run = "`".repeat(n);
    let j = text.indexOf(run, i + n);
    while (j !== -1 && (text[j + n] === "`" || text[j - 1] === "`")) j = text.indexOf(run, j + 1);
    if (j === -1) {
      out += run;
      i += n;
    } else i = j + n;
  }
  return out;
}

describe("report text that tries to inject", () => {
  it("is rendered inert: no HTML, no pings, no references, tables and fences intact", async () => {
    const sim = await startGitHubSim();
    const repo = seedRepository(sim);
    const payload = prRunWith(repo, [
      { id: 99, name: "tests", data: buildZip([{ name: "junit.xml", data: junitWith(HOSTILE_NAMES) }]) },
    ]);
    const app = await startApp(sim);
    try {
      expect(await deliver(app.webhookUrl, "workflow_run", payload)).toBe(202);
      figures.deliveriesSent++;
      figures.scenarios++;
      figures.faultsInjected += HOSTILE_NAMES.length;
      await idle(app);
      const comment = repo.comments.find((c) => c.issue === 7)?.body ?? "";
      const check = repo.checkRuns.find((c) => c.head_sha === PR_SHA);
      if (process.env.CHAOS_DEBUG)
        console.log(`${comment}\n=====\n${check?.output.summary}\n=====\n${check?.output.text}`);
      expect(comment).toContain("### Tests");
      for (const text of [comment, check?.output.summary ?? "", check?.output.text ?? ""]) {
        const fence = fences(text);
        expect(fence.unclosed, "every code fence is closed").toBe(false);
        // outside code (where GitHub renders nothing), no HTML, pings, references or links survive
        const prose = withoutCodeSpans(fence.prose);
        if (process.env.CHAOS_DEBUG)
          console.log(
            prose
              .split("\n")
              .filter((l) => /javascript|<img|@acme|#\d/.test(l))
              .join("\n---\n"),
          );
        expect(prose).not.toMatch(/<(img|script)\b/i);
        expect(prose).not.toMatch(/@(acme|octocat)\b/);
        expect(prose).not.toMatch(/#\d|GH-\d/);
        expect(prose).not.toContain("](javascript:");
        expect(prose).not.toContain("![img]");
        expect(text.length).toBeLessThanOrEqual(65_535);
        // the marker appears once, as the comment's first line (a report cannot plant a second one)
        expect(prose.split("<!-- tollgate:report -->").length - 1).toBeLessThanOrEqual(1);
        // every table row of the verdict table has the header's cell count
        const rows = text.split("\n").filter((l) => l.startsWith("| "));
        const cells = (l: string) => l.replace(/\\\|/g, "").split("|").length;
        if (rows[0])
          for (const r of rows) expect([r.slice(0, 80), cells(r)]).toEqual([r.slice(0, 80), cells(rows[0])]);
      }
      expect(comment.startsWith("<!-- tollgate:report -->")).toBe(true);
      expect((check?.output.annotations_count ?? 0) > 0).toBe(true);
    } finally {
      await app.close(2_000);
      await sim.close();
    }
  });
});
