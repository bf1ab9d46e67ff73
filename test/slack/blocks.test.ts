import { describe, expect, it } from "vitest";
import { type DeploymentView, deploymentMessage } from "../../src/slack/blocks/deployment.js";
import { escapeMrkdwn, link } from "../../src/slack/blocks/escape.js";
import { SLACK_LIMITS } from "../../src/slack/blocks/limits.js";
import { type Block, finalize, formatDuration } from "../../src/slack/blocks/message.js";
import { automergeMessage, gateFailureMessage, type PullView } from "../../src/slack/blocks/pull.js";
import { branchRedMessage } from "../../src/slack/blocks/workflow.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("Slack mrkdwn escaping", () => {
  it.each([
    ["<!channel> ping", "&lt;!channel&gt; ping"],
    ["<@U123|boss>", "&lt;@U123|boss&gt;"],
    ["a & b", "a &amp; b"],
    ["&amp; stays literal", "&amp;amp; stays literal"],
    ["<https://evil.example|click>", "&lt;https://evil.example|click&gt;"],
    ["bell\u0007 and \u202Ebidi", "bell and bidi"],
  ])("%j → %j", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it("links: labels cannot close the link, URLs cannot inject, non-http URLs are plain text", () => {
    expect(link("https://x.test/a|b>c", "a|b>c")).toBe("<https://x.test/a%7Cb%3Ec|a¦b&gt;c>");
    expect(link("javascript:alert(1)", "run")).toBe("run");
    expect(link(null, "log")).toBe("log");
  });
});

describe("finalize: Slack's limits", () => {
  it("keeps at most 50 blocks and says how many were left out", () => {
    const blocks: Block[] = Array.from({ length: 60 }, (_, i) => ({
      type: "section",
      text: { type: "mrkdwn", text: `b${i}` },
    }));
    const out = finalize({ text: "t", blocks });
    expect(out.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(JSON.stringify(out.blocks.at(-1))).toContain("11 more blocks not shown");
    expect(blocks).toHaveLength(60); // the input is not changed
  });

  it("clips section text to 3,000, header to 150, fields to 10", () => {
    const out = finalize({
      text: "x".repeat(10_000),
      blocks: [
        { type: "header", text: { type: "plain_text", text: "h".repeat(500) } },
        {
          type: "section",
          text: { type: "mrkdwn", text: "s".repeat(5000) },
          fields: Array.from({ length: 12 }, () => ({ type: "mrkdwn" as const, text: "f" })),
        },
      ],
    });
    const [header, section] = out.blocks;
    expect(header?.type === "header" && header.text.text.length).toBe(SLACK_LIMITS.headerText);
    expect(section?.type === "section" && section.text?.text.length).toBe(SLACK_LIMITS.sectionText);
    expect(section?.type === "section" && section.fields?.length).toBe(SLACK_LIMITS.fields);
    expect(out.text.length).toBe(SLACK_LIMITS.fallbackText);
  });

  it.each([
    [0, "0s"],
    [45_000, "45s"],
    [133_000, "2m 13s"],
    [3_720_000, "1h 2m"],
  ])("formatDuration(%d) = %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("messages", () => {
  const view: DeploymentView = {
    repo: "octo/app",
    repoUrl: "https://github.com/octo/app",
    deploymentId: 1,
    environment: "production",
    sha: SHA,
    ref: "release/<b>&",
    creator: "<!here>",
    status: "failure",
    createdAt: new Date(0),
    startedAt: new Date(10_000),
    finishedAt: new Date(70_000),
    logUrl: "https://github.com/octo/app/actions/runs/5",
    environmentUrl: null,
  };

  it("a deployment: status emoji and colour, repo, env, ref + linked short sha, who, duration, links; user text escaped", () => {
    const m = deploymentMessage(view);
    const json = JSON.stringify(m);
    expect(m.color).toBe("#e01e5a");
    expect(m.text).toBe("❌ octo/app → production: deploy failed (0123456)");
    expect(json).toContain("release/&lt;b&gt;&amp; @ <https://github.com/octo/app/commit/");
    expect(json).toContain("&lt;!here&gt;");
    expect(json).not.toContain("<!here>");
    expect(json).toContain("*Duration*\\n1m 0s");
    expect(json).toContain("<https://github.com/octo/app/actions/runs/5|Run log>");
  });

  it("main is red lists at most ten failing jobs", () => {
    const jobs = Array.from({ length: 14 }, (_, i) => `job ${i}`);
    const m = branchRedMessage({
      repo: "octo/app",
      repoUrl: "https://github.com/octo/app",
      branch: "main",
      workflow: "CI & <deploy>",
      runUrl: "https://github.com/octo/app/actions/runs/1",
      sha: SHA,
      commitTitle: "Fix <script>",
      author: "Mona",
      failingJobs: jobs,
    });
    const json = JSON.stringify(m);
    expect(json).toContain("• job 9");
    expect(json).not.toContain("• job 10");
    expect(json).toContain("…and 4 more");
    expect(json).toContain("Fix &lt;script&gt;");
    // Escaped once, not twice, in the link label and the header (plain text is not mrkdwn-escaped).
    expect(json).toContain("|CI &amp; &lt;deploy&gt;>");
    expect(json).not.toContain("&amp;amp;");
  });

  const pull: PullView = {
    repo: "octo/app",
    repoUrl: "https://github.com/octo/app",
    number: 7,
    title: "Bump lodash | <@U1>",
    url: "https://github.com/octo/app/pull/7",
    author: "dependabot[bot]",
    sha: SHA,
  };

  it("gate failure and auto-merge messages link the PR with an escaped title", () => {
    const g = JSON.stringify(gateFailureMessage(pull, "2 of 7 gates failed: coverage, security", null));
    expect(g).toContain("<https://github.com/octo/app/pull/7|#7 Bump lodash ¦ &lt;@U1&gt;>");
    expect(g).toContain("2 of 7 gates failed");
    expect(automergeMessage(pull, "merged", "patch update, gate passed").text).toBe("🤖 octo/app #7: merged");
  });
});
