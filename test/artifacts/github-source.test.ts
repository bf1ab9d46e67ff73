import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitHubArtifactSource } from "../../src/artifacts/github-source.js";
import { DEFAULT_ARTIFACT_LIMITS } from "../../src/artifacts/limits.js";
import { type GitHubSim, startGitHubSim, testOctokit } from "../support/github-sim.js";
import { buildZip } from "../support/zip-writer.js";

let sim: GitHubSim;

beforeAll(async () => {
  sim = await startGitHubSim();
  sim.addRepo("acme", "shop", {
    runs: [
      {
        id: 7,
        name: "CI",
        head_sha: "a".repeat(40),
        head_branch: "feature",
        status: "completed",
        conclusion: "success",
        artifacts: [
          { id: 71, name: "test-results", data: buildZip([{ name: "junit.xml", data: "<testsuite/>" }]) },
          { id: 72, name: "old", data: new Uint8Array(), expired: true },
          {
            id: 73,
            name: "summary.json",
            data: new TextEncoder().encode('{"metrics":{}}'),
            contentType: "application/json",
          },
        ],
      },
    ],
  });
});
afterAll(() => sim.close());

function source(limits = DEFAULT_ARTIFACT_LIMITS) {
  const octokit = testOctokit(sim);
  return new GitHubArtifactSource(octokit, { owner: "acme", repo: "shop", runId: 7 }, limits);
}

async function text(it: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString("utf8");
}

describe("GitHubArtifactSource", () => {
  it("lists a run's artifacts in one request", async () => {
    const before = sim.requests.length;
    const refs = await source().list();
    expect(refs.map((r) => [r.id, r.name, r.expired])).toEqual([
      [71, "test-results", false],
      [72, "old", true],
      [73, "summary.json", false],
    ]);
    expect(sim.requests.length - before).toBe(1);
  });

  it("follows the download redirect without sending the token to the blob host", async () => {
    const src = source();
    const [ref] = await src.list();
    if (!ref) throw new Error("no artifact");
    const opened = await src.open(ref);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.artifact.files.map((f) => f.path)).toEqual(["test-results/junit.xml"]);
    const [file] = opened.artifact.files;
    expect(file && (await text(file.open()))).toBe("<testsuite/>");
    await opened.artifact.close();
    expect(sim.requests.some((r) => r.path.startsWith("/blob/71"))).toBe(true);
    expect(sim.leakedTokens).toEqual([]);
  });

  it("reports an expired artifact as a reason without downloading it", async () => {
    const src = source();
    const refs = await src.list();
    const expired = refs.find((r) => r.name === "old");
    if (!expired) throw new Error("missing");
    const before = sim.requests.length;
    expect(await src.open(expired)).toEqual({
      ok: false,
      name: "old",
      reason: "the artifact has expired (GitHub keeps artifacts for a limited time)",
      expired: true,
    });
    expect(sim.requests.length).toBe(before);
  });

  it("treats a 410 from the download endpoint as expired", async () => {
    const src = source();
    const result = await src.open({ id: 72, name: "old", sizeInBytes: 1, expired: false });
    expect(result).toMatchObject({
      ok: false,
      expired: true,
      reason: "the artifact has expired (GitHub answered 410 Gone)",
    });
  });

  it("reads a single unzipped upload as one file named after the artifact", async () => {
    const src = source();
    const opened = await src.open({ id: 73, name: "summary.json", sizeInBytes: 14, expired: false });
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.artifact.files.map((f) => [f.path, f.size])).toEqual([["summary.json", 14]]);
    await opened.artifact.close();
  });

  it("refuses an artifact over the download bound before downloading", async () => {
    const src = source({ ...DEFAULT_ARTIFACT_LIMITS, maxDownloadBytes: 10 });
    const result = await src.open({ id: 71, name: "test-results", sizeInBytes: 200, expired: false });
    expect(result).toMatchObject({
      ok: false,
      reason: "artifact is 200 bytes, over the 10 bytes download limit",
    });
  });

  it("stops a download that grows past the bound even when the listing under-declared it", async () => {
    const src = source({ ...DEFAULT_ARTIFACT_LIMITS, maxDownloadBytes: 20 });
    const result = await src.open({ id: 71, name: "test-results", sizeInBytes: 5, expired: false });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok)
      expect(result.reason).toMatch(/over the 20 bytes download limit|exceeded the 20 bytes limit/);
  });
});
