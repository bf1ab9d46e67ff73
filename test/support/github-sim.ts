// A simulated GitHub REST API on loopback, for the demo, end-to-end tests and benchmarks.
// It answers the calls Tollgate makes with the response shapes GitHub documents, keeps state (check
// runs, comments) so idempotency can be checked, and records every request so tests can count them.
// Reached by the app through GHE_HOST/GHE_PROTOCOL (REST under /api/v3), like a GitHub Enterprise Server.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ProbotOctokit } from "probot";
import { checkOutputViolation, commentBodyViolation } from "./github-limits.js";

export interface SimArtifact {
  id: number;
  name: string;
  /** Zip bytes (or a single raw file for newer unzipped uploads). */
  data: Uint8Array;
  expired?: boolean;
  /** Content type of the blob download; zips are application/zip. */
  contentType?: string;
}

export interface SimWorkflowRun {
  id: number;
  name: string;
  head_sha: string;
  head_branch: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  html_url?: string;
  artifacts: SimArtifact[];
}

export interface SimPull {
  number: number;
  head: { sha: string; ref: string; repoFullName: string; owner: string };
  base: { sha: string; ref: string; repoFullName: string };
  state: "open" | "closed";
  draft?: boolean;
  user?: { login: string; id: number; type: string };
  /** Files with unified-diff patches, as GET /pulls/{n}/files returns them. */
  files?: { filename: string; status: string; patch?: string }[];
}

export interface SimCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string; annotations_count: number };
  annotations: unknown[];
  details_url?: string;
  external_id?: string;
  actions?: unknown[];
}

export interface SimComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  created_at: string;
  updated_at: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  authorized: boolean;
  at: number;
}

export interface SimRepoState {
  owner: string;
  name: string;
  defaultBranch: string;
  /** Repository files served by the contents API (e.g. ".github/tollgate.yml"). */
  files: Record<string, string>;
  runs: SimWorkflowRun[];
  pulls: SimPull[];
  checkRuns: SimCheckRun[];
  comments: SimComment[];
}

export interface GitHubSim {
  /** Origin, e.g. http://127.0.0.1:12345 */
  origin: string;
  /** For GHE_HOST (host:port) with GHE_PROTOCOL=http. */
  host: string;
  repos: Map<string, SimRepoState>;
  requests: RecordedRequest[];
  /** Requests to the blob host that carried an Authorization header (must stay empty). */
  leakedTokens: RecordedRequest[];
  addRepo(owner: string, name: string, init?: Partial<SimRepoState>): SimRepoState;
  /**
   * Fault injection: return a response instead of handling, when it returns one. "reset" destroys the
   * socket before handling, "reset-after" handles the request and then destroys the socket instead of
   * answering (the effect happened, the caller never hears), "hang" never answers.
   */
  fault?: (req: { method: string; path: string; authorization?: string }) => SimFault | undefined;
  /**
   * Extra routes (e.g. test/support/github-sim-commands.ts), consulted in order before the built-in
   * ones: the first answer wins; undefined falls through.
   */
  handlers: SimHandler[];
  /** Lifetime of the installation tokens it issues (GitHub: one hour); an expired one gets 401. */
  tokenTtlMs: number;
  /** Installation tokens issued so far (each exchange issues a new one). */
  tokensIssued: number;
  /** Revokes every installation token issued so far: requests bearing one get 401 Bad credentials. */
  revokeTokens(): void;
  close(): Promise<void>;
}

/** A request as an extra route sees it: `path` is the full pathname (e.g. /api/v3/repos/o/r/…, /api/graphql). */
export interface SimHandlerRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  accept: string;
  authorization: string;
}

export type SimHandler = (
  req: SimHandlerRequest,
) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

export type SimFault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | "reset"
  | "reset-after"
  | "hang";

const APP_SLUG = "tollgate";

function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): number {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  // Conditional GETs, as GitHub: a 200 carries an ETag; If-None-Match with the current one gets 304.
  if (status === 200 && res.req?.method === "GET") {
    const etag = `W/"${createHash("sha1").update(text).digest("hex")}"`;
    headers = { etag, ...headers };
    if (res.req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag, "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999" });
      res.end();
      return 304;
    }
  }
  res.writeHead(status, {
    "content-type":
      typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    ...headers,
  });
  res.end(text);
  return status;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type Json = Record<string, unknown>;

/** Slices a list like GitHub does and returns the Link header that octokit.paginate follows. */
function paginate<T>(
  all: T[],
  q: URLSearchParams,
  base: string,
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Number(q.get("per_page") ?? 30));
  const page = Number(q.get("page") ?? 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const headers: Record<string, string> = {};
  if (page < last) {
    const next = new URLSearchParams(q);
    next.set("page", String(page + 1));
    const lastQ = new URLSearchParams(q);
    lastQ.set("page", String(last));
    headers.link = `<${base}?${next}>; rel="next", <${base}?${lastQ}>; rel="last"`;
  }
  return { page: all.slice((page - 1) * perPage, page * perPage), headers };
}
const asJson = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});

export async function startGitHubSim(): Promise<GitHubSim> {
  const repos = new Map<string, SimRepoState>();
  const requests: RecordedRequest[] = [];
  const leakedTokens: RecordedRequest[] = [];
  let nextId = 1000;
  let origin = "";
  /** Issued installation tokens → expiry (ms epoch); revoked ones are removed. */
  const liveTokens = new Map<string, number>();
  const issuedTokens = new Set<string>();

  const sim: GitHubSim = {
    origin: "",
    host: "",
    repos,
    requests,
    leakedTokens,
    handlers: [],
    tokenTtlMs: 3600_000,
    tokensIssued: 0,
    revokeTokens: () => liveTokens.clear(),
    addRepo(owner, name, init = {}) {
      const state: SimRepoState = {
        owner,
        name,
        defaultBranch: "main",
        files: {},
        runs: [],
        pulls: [],
        checkRuns: [],
        comments: [],
        ...init,
      };
      repos.set(`${owner}/${name}`, state);
      return state;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // hung requests (fault "hang") must not keep the server open
      }),
  };

  const repoJson = (r: SimRepoState) => ({
    id: 1,
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    owner: { login: r.owner, id: 1, type: "Organization" },
    default_branch: r.defaultBranch,
    private: false,
    html_url: `https://github.com/${r.owner}/${r.name}`,
  });
  const pullJson = (r: SimRepoState, p: SimPull) => ({
    id: p.number * 10,
    number: p.number,
    state: p.state,
    draft: p.draft ?? false,
    html_url: `https://github.com/${r.owner}/${r.name}/pull/${p.number}`,
    user: p.user ?? { login: "octocat", id: 1, type: "User" },
    head: {
      sha: p.head.sha,
      ref: p.head.ref,
      label: `${p.head.owner}:${p.head.ref}`,
      repo: { full_name: p.head.repoFullName, fork: p.head.repoFullName !== `${r.owner}/${r.name}` },
    },
    base: { sha: p.base.sha, ref: p.base.ref, repo: repoJson(r) },
  });
  const runJson = (r: SimRepoState, run: SimWorkflowRun) => ({
    id: run.id,
    name: run.name,
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    status: run.status,
    conclusion: run.conclusion,
    html_url: run.html_url ?? `https://github.com/${r.owner}/${r.name}/actions/runs/${run.id}`,
  });
  const checkJson = (r: SimRepoState, c: SimCheckRun) => ({
    id: c.id,
    name: c.name,
    head_sha: c.head_sha,
    status: c.status,
    conclusion: c.conclusion,
    details_url: c.details_url ?? null,
    external_id: c.external_id ?? null,
    html_url: `https://github.com/${r.owner}/${r.name}/runs/${c.id}`,
    output: { ...c.output },
    app: { slug: APP_SLUG, id: 1 },
  });
  const commentJson = (r: SimRepoState, c: SimComment) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: `https://github.com/${r.owner}/${r.name}/pull/${c.issue}#issuecomment-${c.id}`,
  });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const method = req.method ?? "GET";
    let path = url.pathname;
    // Blob host: artifact downloads redirect here, and the token must not follow.
    const blob = /^\/blob\/(\d+)$/.exec(path);
    if (blob) {
      for (const r of repos.values())
        for (const run of r.runs)
          for (const a of run.artifacts)
            if (a.id === Number(blob[1])) {
              res.writeHead(200, {
                "content-type": a.contentType ?? "application/zip",
                "content-length": String(a.data.byteLength),
              });
              res.end(a.data);
              return 200;
            }
      return send(res, 404, { message: "Not Found" });
    }
    const body = method === "GET" ? undefined : asJson(await readBody(req));
    for (const handle of sim.handlers) {
      const answer = handle({
        method,
        path,
        query: url.searchParams,
        body,
        accept: req.headers.accept ?? "",
        authorization: req.headers.authorization ?? "",
      });
      if (answer) return send(res, answer.status, answer.body, answer.headers);
    }
    if (!path.startsWith("/api/v3")) return send(res, 404, { message: "Not Found" });
    path = path.slice("/api/v3".length);

    // The app's webhook delivery log (the redelivery sweeper reads it): empty, nothing failed.
    if (method === "GET" && path === "/app/hook/deliveries") return send(res, 200, []);
    let m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (m && method === "POST") {
      const token = `ghs_sim${m[1]}_${++sim.tokensIssued}`;
      const expiresAt = Date.now() + sim.tokenTtlMs;
      issuedTokens.add(token);
      liveTokens.set(token, expiresAt);
      return send(res, 201, {
        token,
        expires_at: new Date(expiresAt).toISOString(),
        permissions: {},
        repository_selection: "all",
      });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) return send(res, 404, { message: "Not Found" });
    const repo = repos.get(`${m[1]}/${m[2]}`);
    if (!repo) return send(res, 404, { message: "Not Found" });
    const rest = m[3] ?? "";
    const q = url.searchParams;
    const hit = (verb: string, re: RegExp): RegExpExecArray | null =>
      verb === "*" || verb === method ? re.exec(rest) : null;

    if (rest === "" && method === "GET") return send(res, 200, repoJson(repo));
    m = hit("GET", /^\/contents\/(.+)$/);
    if (m) {
      const file = repo.files[decodeURIComponent(m[1] ?? "")];
      if (file === undefined) return send(res, 404, { message: "Not Found" });
      const raw = (req.headers.accept ?? "").includes("raw");
      return raw
        ? send(res, 200, file, { "content-type": "application/vnd.github.raw; charset=utf-8" })
        : send(res, 200, { type: "file", encoding: "base64", content: Buffer.from(file).toString("base64") });
    }
    m = hit("GET", /^\/actions\/runs\/(\d+)\/artifacts$/);
    if (m) {
      const run = repo.runs.find((r) => r.id === Number(m?.[1]));
      if (!run) return send(res, 404, { message: "Not Found" });
      const arts = run.artifacts.map((a) => ({
        id: a.id,
        name: a.name,
        size_in_bytes: a.data.byteLength,
        expired: a.expired ?? false,
        archive_download_url: `${origin}/api/v3/repos/${repo.owner}/${repo.name}/actions/artifacts/${a.id}/zip`,
        workflow_run: { id: run.id, head_sha: run.head_sha },
      }));
      return send(res, 200, { total_count: arts.length, artifacts: arts });
    }
    m = hit("GET", /^\/actions\/artifacts\/(\d+)\/zip$/);
    if (m) {
      const art = repo.runs.flatMap((r) => r.artifacts).find((a) => a.id === Number(m?.[1]));
      if (!art) return send(res, 404, { message: "Not Found" });
      if (art.expired) return send(res, 410, { message: "Artifact has expired" });
      res.writeHead(302, { location: `${origin}/blob/${art.id}?sig=${Date.now()}` });
      res.end();
      return 302;
    }
    if (rest === "/actions/runs" && method === "GET") {
      const sha = q.get("head_sha");
      const runs = repo.runs.filter((r) => !sha || r.head_sha === sha).map((r) => runJson(repo, r));
      return send(res, 200, { total_count: runs.length, workflow_runs: runs });
    }
    m = hit("GET", /^\/actions\/runs\/(\d+)$/);
    if (m) {
      const run = repo.runs.find((r) => r.id === Number(m?.[1]));
      return run ? send(res, 200, runJson(repo, run)) : send(res, 404, { message: "Not Found" });
    }
    if (rest === "/pulls" && method === "GET") {
      const head = q.get("head");
      const state = q.get("state") ?? "open";
      const list = repo.pulls
        .filter((p) => state === "all" || p.state === state)
        .filter((p) => !head || `${p.head.owner}:${p.head.ref}` === head)
        .map((p) => pullJson(repo, p));
      return send(res, 200, list);
    }
    m = hit("GET", /^\/pulls\/(\d+)$/);
    if (m) {
      const p = repo.pulls.find((x) => x.number === Number(m?.[1]));
      return p ? send(res, 200, pullJson(repo, p)) : send(res, 404, { message: "Not Found" });
    }
    m = hit("GET", /^\/pulls\/(\d+)\/files$/);
    if (m) {
      const p = repo.pulls.find((x) => x.number === Number(m?.[1]));
      if (!p) return send(res, 404, { message: "Not Found" });
      const { page, headers } = paginate(p.files ?? [], q, `${origin}${url.pathname}`);
      return send(
        res,
        200,
        page.map((f) => ({ sha: "0", additions: 0, deletions: 0, changes: 0, ...f })),
        headers,
      );
    }
    m = hit("GET", /^\/commits\/([0-9a-f]+)\/pulls$/);
    if (m) {
      const sha = m[1];
      // GitHub returns only PRs of this repository whose head is in this repository (forks: empty).
      const list = repo.pulls
        .filter((p) => p.head.sha === sha && p.head.repoFullName === `${repo.owner}/${repo.name}`)
        .map((p) => pullJson(repo, p));
      return send(res, 200, list);
    }
    m = hit("GET", /^\/commits\/([^/]+)\/check-runs$/);
    if (m) {
      const name = q.get("check_name");
      const list = repo.checkRuns
        .filter((c) => c.head_sha === m?.[1] && (!name || c.name === name))
        .map((c) => checkJson(repo, c));
      return send(res, 200, { total_count: list.length, check_runs: list });
    }
    if (rest === "/check-runs" && method === "POST") {
      const invalid = checkOutputViolation(body?.output);
      if (invalid) return send(res, 422, { message: "Validation Failed", errors: [invalid] });
      const out = asJson(body?.output);
      const c: SimCheckRun = {
        id: nextId++,
        name: String(body?.name),
        head_sha: String(body?.head_sha),
        status: String(body?.status ?? "queued"),
        conclusion: (body?.conclusion as string | undefined) ?? null,
        output: {
          title: out.title as string | undefined,
          summary: out.summary as string | undefined,
          text: out.text as string | undefined,
          annotations_count: Array.isArray(out.annotations) ? out.annotations.length : 0,
        },
        annotations: Array.isArray(out.annotations) ? [...out.annotations] : [],
        details_url: body?.details_url as string | undefined,
        external_id: body?.external_id as string | undefined,
        actions: body?.actions as unknown[] | undefined,
      };
      if (c.status === "completed" && !c.conclusion) return send(res, 422, { message: "Validation Failed" });
      repo.checkRuns.push(c);
      return send(res, 201, checkJson(repo, c));
    }
    m = hit("GET", /^\/check-runs\/(\d+)$/);
    if (m) {
      const c = repo.checkRuns.find((x) => x.id === Number(m?.[1]));
      return c ? send(res, 200, checkJson(repo, c)) : send(res, 404, { message: "Not Found" });
    }
    m = hit("PATCH", /^\/check-runs\/(\d+)$/);
    if (m) {
      const c = repo.checkRuns.find((x) => x.id === Number(m?.[1]));
      if (!c) return send(res, 404, { message: "Not Found" });
      const invalid = checkOutputViolation(body?.output);
      if (invalid) return send(res, 422, { message: "Validation Failed", errors: [invalid] });
      if (body?.status !== undefined) c.status = String(body.status);
      if (body?.conclusion !== undefined) {
        c.conclusion = String(body.conclusion);
        c.status = "completed";
      }
      if (body?.details_url !== undefined) c.details_url = String(body.details_url);
      if (body?.actions !== undefined) c.actions = body.actions as unknown[];
      const out = asJson(body?.output);
      if (body?.output !== undefined) {
        c.output.title = (out.title as string | undefined) ?? c.output.title;
        c.output.summary = (out.summary as string | undefined) ?? c.output.summary;
        c.output.text = (out.text as string | undefined) ?? c.output.text;
        if (Array.isArray(out.annotations)) {
          c.annotations.push(...out.annotations);
          c.output.annotations_count = c.annotations.length;
        }
      }
      return send(res, 200, checkJson(repo, c));
    }
    m = hit("*", /^\/issues\/(\d+)\/comments$/);
    if (m) {
      const issue = Number(m[1]);
      if (method === "GET") {
        const list = repo.comments.filter((c) => c.issue === issue);
        const { page, headers } = paginate(list, q, `${origin}${url.pathname}`);
        return send(
          res,
          200,
          page.map((c) => commentJson(repo, c)),
          headers,
        );
      }
      if (method === "POST") {
        const text = String(body?.body ?? "");
        const invalid = commentBodyViolation(body?.body);
        if (invalid) return send(res, 422, { message: "Validation Failed", errors: [invalid] });
        const now = new Date().toISOString();
        const c: SimComment = {
          id: nextId++,
          issue,
          body: text,
          user: { login: `${APP_SLUG}[bot]`, type: "Bot" },
          created_at: now,
          updated_at: now,
        };
        repo.comments.push(c);
        return send(res, 201, commentJson(repo, c));
      }
    }
    m = hit("*", /^\/issues\/comments\/(\d+)$/);
    if (m) {
      const idx = repo.comments.findIndex((x) => x.id === Number(m?.[1]));
      const c = repo.comments[idx];
      if (!c) return send(res, 404, { message: "Not Found" });
      if (method === "PATCH") {
        const text = String(body?.body ?? "");
        const invalid = commentBodyViolation(body?.body);
        if (invalid) return send(res, 422, { message: "Validation Failed", errors: [invalid] });
        c.body = text;
        c.updated_at = new Date().toISOString();
        return send(res, 200, commentJson(repo, c));
      }
      if (method === "DELETE") {
        repo.comments.splice(idx, 1);
        res.writeHead(204);
        res.end();
        return 204;
      }
    }
    return send(res, 404, { message: `Not Found (simulator has no route for ${method} ${rest})` });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sim");
    const rec: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      status: 0,
      authorized: typeof req.headers.authorization === "string",
      at: Date.now(),
    };
    requests.push(rec);
    if (url.pathname.startsWith("/blob/") && rec.authorized) leakedTokens.push(rec);
    const injected = sim.fault?.({
      method: rec.method,
      path: url.pathname,
      authorization: req.headers.authorization,
    });
    if (injected === "reset") {
      rec.status = -1;
      req.socket.destroy();
      return;
    }
    if (injected === "hang") return;
    // GitHub's answer to a revoked or expired installation token (tokens it never issued, like
    // testOctokit's, are accepted: most tests do not exercise authentication).
    const bearer = /^token (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!injected && bearer !== undefined && issuedTokens.has(bearer)) {
      const expiresAt = liveTokens.get(bearer);
      if (expiresAt === undefined || expiresAt <= Date.now()) {
        rec.status = send(res, 401, {
          message: "Bad credentials",
          documentation_url: "https://docs.github.com/rest",
          status: "401",
        });
        return;
      }
    }
    if (injected === "reset-after") {
      res.writeHead = () => res;
      res.end = () => {
        req.socket.destroy();
        return res;
      };
    } else if (injected) {
      rec.status = send(
        res,
        injected.status,
        injected.body ?? { message: "injected fault" },
        injected.headers,
      );
      return;
    }
    route(req, res, url).then(
      (status) => {
        rec.status = status;
      },
      (err: unknown) => {
        rec.status = send(res, 500, { message: String(err) });
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  sim.origin = origin;
  sim.host = `127.0.0.1:${port}`;
  return sim;
}

/** Requests that reached the REST API (excludes the token exchange and blob downloads), for call counts. */
export function apiCalls(sim: GitHubSim): RecordedRequest[] {
  return sim.requests.filter((r) => r.path.startsWith("/api/v3/repos/"));
}

/**
 * An installation Octokit pointed at the simulator. Throttling and retries are off: Probot's throttle
 * spaces write requests a second apart (right for GitHub, slow for tests).
 */
export function testOctokit(sim: GitHubSim) {
  return new ProbotOctokit({
    auth: { token: "ghs_test" },
    baseUrl: `${sim.origin}/api/v3`,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
}
