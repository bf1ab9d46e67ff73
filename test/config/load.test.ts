// The loader against GitHub's contents API at HTTP level (nock): Probot's config plugin asks for
// GET /repos/{owner}/{repo}/contents/{path} with the raw media type and gets the file's bytes back as
// text/plain; 404 means "no file"; a directory answers with a JSON listing.
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadRepoConfig } from "../../src/config/load.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";

const API = "https://api.github.com";
const RAW = "application/vnd.github.v3.raw";
const FILE_PATH = "/contents/.github%2Ftollgate.yml";

function octokit() {
  return new ProbotOctokit({
    auth: { token: "test-token" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

function rawFile(text: string): [number, string, Record<string, string>] {
  return [200, text, { "content-type": "text/plain; charset=utf-8" }];
}

const NOT_FOUND = {
  message: "Not Found",
  documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
  status: "404",
};

function github() {
  return nock(API).matchHeader("accept", RAW);
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("loadRepoConfig", () => {
  it("merges the repository's file over the org file it extends", async () => {
    github()
      .get(`/repos/acme/api${FILE_PATH}`)
      .reply(...rawFile("_extends: .github\ngates:\n  coverage:\n    min: 90\n"));
    github()
      .get(`/repos/acme/.github${FILE_PATH}`)
      .reply(...rawFile("gates:\n  coverage:\n    min: 70\n    max_drop: 2\n  required: [tests]\n"));

    const result = await loadRepoConfig(octokit(), { owner: "acme", repo: "api" });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.gates.coverage).toEqual({ min: 90, max_drop: 2, patch_min: 80, paths: [] });
    expect(result.config.gates.required).toEqual(["tests"]);
    expect(result.files).toEqual([
      { owner: "acme", repo: "api", path: ".github/tollgate.yml" },
      { owner: "acme", repo: ".github", path: ".github/tollgate.yml" },
    ]);
  });

  it("follows _extends to another owner's repository and file", async () => {
    github()
      .get(`/repos/acme/api${FILE_PATH}`)
      .query({ ref: "feature" })
      .reply(...rawFile("_extends: platform/policies:tollgate/base.yml\n"));
    github()
      .get("/repos/platform/policies/contents/tollgate%2Fbase.yml")
      .reply(...rawFile("gates:\n  security:\n    max_medium: 0\n"));

    const result = await loadRepoConfig(octokit(), { owner: "acme", repo: "api", ref: "feature" });

    expect(result.ok && result.config.gates.security.max_medium).toBe(0);
  });

  it("falls back to the org .github repository when the repository has no file", async () => {
    github().get(`/repos/acme/api${FILE_PATH}`).reply(404, NOT_FOUND);
    github()
      .get(`/repos/acme/.github${FILE_PATH}`)
      .reply(...rawFile("comment:\n  enabled: false\n"));

    const result = await loadRepoConfig(octokit(), { owner: "acme", repo: "api" });

    expect(result.ok && result.config.comment.enabled).toBe(false);
  });

  it("gives the defaults when no file exists anywhere", async () => {
    github().get(`/repos/acme/api${FILE_PATH}`).reply(404, NOT_FOUND);
    github().get(`/repos/acme/.github${FILE_PATH}`).reply(404, NOT_FOUND);

    expect(await loadRepoConfig(octokit(), { owner: "acme", repo: "api" })).toEqual({
      ok: true,
      config: DEFAULT_CONFIG,
      files: [],
    });
  });

  it("returns a YAML syntax error as a value with the file, line and column", async () => {
    github()
      .get(`/repos/acme/api${FILE_PATH}`)
      .reply(...rawFile("gates:\n  coverage:\n    min: 80\n   max_drop: 2\n"));

    expect(await loadRepoConfig(octokit(), { owner: "acme", repo: "api" })).toEqual({
      ok: false,
      errors: [
        {
          path: "",
          message: "YAML syntax error at line 4, column 1: All mapping items must start at the same column",
          file: "acme/api:.github/tollgate.yml",
          line: 4,
          column: 1,
        },
      ],
    });
  });

  it("names the org file when the bad key comes from it", async () => {
    github()
      .get(`/repos/acme/api${FILE_PATH}`)
      .reply(...rawFile("_extends: .github\n"));
    github()
      .get(`/repos/acme/.github${FILE_PATH}`)
      .reply(...rawFile("gates:\n  coverag:\n    min: 70\n"));

    const result = await loadRepoConfig(octokit(), { owner: "acme", repo: "api" });

    expect(result.ok === false && result.errors[0]).toMatchObject({
      path: "gates.coverag",
      file: "acme/.github:.github/tollgate.yml",
    });
  });

  it("returns an invalid _extends as a value", async () => {
    github()
      .get(`/repos/acme/api${FILE_PATH}`)
      .reply(...rawFile("_extends: 'not a repo!'\n"));

    const result = await loadRepoConfig(octokit(), { owner: "acme", repo: "api" });

    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: "_extends",
          message: 'invalid value "not a repo!": expected "repo", "owner/repo" or "owner/repo:path.yml"',
          file: "acme/api:.github/tollgate.yml",
        },
      ],
    });
  });

  it("returns a directory at the config path as a value", async () => {
    github()
      .get(`/repos/acme/api${FILE_PATH}`)
      .reply(200, [{ type: "file", name: "a.yml", path: ".github/tollgate.yml/a.yml" }], {
        "content-type": "application/json; charset=utf-8",
      });

    const result = await loadRepoConfig(octokit(), { owner: "acme", repo: "api" });

    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: "",
          message: "is a directory or a submodule, not a file",
          file: "acme/api:.github/tollgate.yml",
        },
      ],
    });
  });

  it("throws on a server error so the queue retries the job", async () => {
    github().get(`/repos/acme/api${FILE_PATH}`).reply(502, { message: "Server Error" });

    await expect(loadRepoConfig(octokit(), { owner: "acme", repo: "api" })).rejects.toMatchObject({
      status: 502,
    });
  });
});
