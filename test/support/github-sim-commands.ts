// The GitHub routes the slash commands, the check run's buttons and Dependabot auto-merge need, added to
// the simulator through its `handlers` hook (github-sim.ts): reading a comment back, reactions, a
// user's permission, a commit's committer date, deployments, merges, reviews, re-runs and GraphQL.
// Shapes follow GitHub's REST docs; every request and effect is recorded with the installation whose
// token made it, so concurrent scenarios (one installation each) are counted apart.
import type { GitHubSim, SimHandler, SimPull, SimRepoState } from "./github-sim.js";

/** GET /collaborators/{u}/permission: `permission` (legacy) and `role_name`; "404" answers Not Found. */
export type SimPermission = { permission: string; role_name: string } | "404";

export interface SimCommit {
  sha: string;
  author: { login: string; id: number; type: string } | null;
  verified: boolean;
  message: string;
  /** Committer date (ISO); the commands compare it with the comment's time. */
  date: string;
}

/** Each entry carries `installation`: the installation whose token made the request. */
export interface CommandEffects {
  deployments: {
    installation: number;
    id: number;
    ref: string;
    environment: string;
    requiredContexts: unknown;
    payload: unknown;
  }[];
  merges: { installation: number; number: number; sha: unknown; method: unknown }[];
  reviews: { installation: number; number: number; event: unknown }[];
  reruns: { installation: number; runId: number }[];
  /** GraphQL mutations (auto-merge enable/disable); queries are not effects. */
  mutations: { installation: number; query: string }[];
}

export interface CommandSim {
  /** login (lower case) → answer; unknown logins get `read` (anyone may read a public repository). */
  permissions: Map<string, SimPermission>;
  /** sha → commit; unknown shas get a commit dated 2020 by a person. */
  commits: Map<string, SimCommit>;
  /** Extra fields per PR number for GET /pulls/{n} (title, mergeable, user…). */
  pullExtras: Map<number, Record<string, unknown>>;
  /** Files served only when the contents API is asked for `ref` (a PR branch's own config). */
  branchFiles: Map<string, Record<string, string>>;
  reactions: { installation: number; commentId: number; content: string }[];
  /** Comments the app created (replies and sticky comments). */
  replies: { installation: number; issue: number; body: string }[];
  /** Every request, by installation (the token exchange counts for the installation it is for). */
  log: { installation: number; method: string; path: string }[];
  effects: CommandEffects;
  /** Contents reads of the config, with the `ref` asked for ("" when none: the default branch). */
  configReads: string[];
}

const OLD_DATE = "2020-01-01T00:00:00Z";

/** Effects made with `installation`'s token (all of them when undefined). */
export function effectCount(e: CommandEffects, installation?: number): number {
  const mine = (x: { installation: number }) => installation === undefined || x.installation === installation;
  return [e.deployments, e.merges, e.reviews, e.reruns, e.mutations].reduce(
    (n, list) => n + list.filter(mine).length,
    0,
  );
}

/** `token ghs_sim<installation>_<n>` (the simulator's installation tokens) → the installation. */
function installationOf(authorization: string, path: string): number {
  const exchange = /^\/api\/v3\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
  if (exchange) return Number(exchange[1]);
  const token = /^token ghs_sim(\d+)_/.exec(authorization);
  return token ? Number(token[1]) : 0;
}

/** Installs the routes for `repo` on `sim`; answers the state the test sets and reads. */
export function installCommandRoutes(sim: GitHubSim, repo: SimRepoState): CommandSim {
  const state: CommandSim = {
    permissions: new Map(),
    commits: new Map(),
    pullExtras: new Map(),
    branchFiles: new Map(),
    reactions: [],
    replies: [],
    log: [],
    effects: { deployments: [], merges: [], reviews: [], reruns: [], mutations: [] },
    configReads: [],
  };
  const full = `${repo.owner}/${repo.name}`;
  const prefix = `/api/v3/repos/${full}`;
  let nextId = 50_000;
  const notFound = { status: 404, body: { message: "Not Found" } };

  /** PRs merged through PUT /pulls/{n}/merge: closed and merged from then on, as GitHub shows them. */
  const merged = new Set<number>();
  const pullJson = (p: SimPull) => {
    const fork = p.head.repoFullName !== full;
    return {
      id: p.number * 10,
      node_id: `PR_sim${p.number}`,
      number: p.number,
      state: merged.has(p.number) ? "closed" : p.state,
      title: `PR ${p.number}`,
      draft: p.draft ?? false,
      merged: merged.has(p.number),
      mergeable: true,
      mergeable_state: "clean",
      auto_merge: null,
      labels: [],
      html_url: `https://github.com/${full}/pull/${p.number}`,
      user: p.user ?? { login: "octocat", id: 1, type: "User" },
      head: {
        sha: p.head.sha,
        ref: p.head.ref,
        label: `${p.head.owner}:${p.head.ref}`,
        repo: { full_name: p.head.repoFullName, fork },
      },
      base: {
        sha: p.base.sha,
        ref: p.base.ref,
        repo: { full_name: full, default_branch: repo.defaultBranch },
      },
      ...state.pullExtras.get(p.number),
    };
  };
  const commitJson = (c: SimCommit) => ({
    sha: c.sha,
    author: c.author,
    committer: c.author,
    commit: {
      message: c.message,
      author: { name: c.author?.login ?? "someone", date: c.date },
      committer: { name: c.author?.login ?? "someone", date: c.date },
      verification: { verified: c.verified, reason: c.verified ? "valid" : "unsigned" },
    },
  });
  const commitOf = (sha: string): SimCommit =>
    state.commits.get(sha) ?? {
      sha,
      author: { login: "octocat", id: 583231, type: "User" },
      verified: false,
      message: "a commit",
      date: OLD_DATE,
    };

  const handler: SimHandler = ({ method, path, query, body, accept, authorization }) => {
    const installation = installationOf(authorization, path);
    state.log.push({ installation, method, path });
    if (path === "/api/graphql" && method === "POST") {
      const text = String(body?.query ?? "");
      const mutation = /^\s*mutation\b/.test(text);
      if (mutation) state.effects.mutations.push({ installation, query: text.slice(0, 200) });
      // reviewDecision: no review required; a mutation answers an empty success.
      return {
        status: 200,
        body: { data: mutation ? {} : { repository: { pullRequest: { reviewDecision: null } } } },
      };
    }
    if (!path.startsWith(`${prefix}/`)) return undefined;
    const rest = path.slice(prefix.length);
    let m = /^\/contents\/(.+)$/.exec(rest);
    if (m && method === "GET") {
      const file = decodeURIComponent(m[1] ?? "");
      const ref = query.get("ref") ?? "";
      if (file.endsWith("tollgate.yml")) state.configReads.push(ref);
      const branch = ref === "" ? undefined : state.branchFiles.get(ref.replace(/^refs\/heads\//, ""));
      const text = branch?.[file];
      // Not a branch file: the built-in route serves the default branch's.
      if (text === undefined) return undefined;
      return accept.includes("raw")
        ? {
            status: 200,
            body: text,
            headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
          }
        : {
            status: 200,
            body: { type: "file", encoding: "base64", content: Buffer.from(text).toString("base64") },
          };
    }
    m = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (m && method === "POST") {
      // Observed only: the built-in route stores it.
      state.replies.push({ installation, issue: Number(m[1]), body: String(body?.body ?? "") });
      return undefined;
    }
    m = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (m && method === "GET") {
      const c = repo.comments.find((x) => x.id === Number(m?.[1]));
      if (!c) return notFound;
      return {
        status: 200,
        body: {
          id: c.id,
          body: c.body,
          user: { id: 1, ...c.user },
          created_at: c.created_at,
          updated_at: c.updated_at,
          html_url: `https://github.com/${full}/pull/${c.issue}#issuecomment-${c.id}`,
        },
      };
    }
    m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest);
    if (m && method === "POST") {
      const commentId = Number(m[1]);
      const content = String(body?.content);
      const again = state.reactions.some((r) => r.commentId === commentId && r.content === content);
      if (!again) state.reactions.push({ installation, commentId, content });
      return { status: again ? 200 : 201, body: { id: nextId++, content } };
    }
    m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest);
    if (m && method === "GET") {
      const login = decodeURIComponent(m[1] ?? "");
      const answer = state.permissions.get(login.toLowerCase()) ?? { permission: "read", role_name: "read" };
      if (answer === "404") return notFound;
      return { status: 200, body: { ...answer, user: { login, id: 1, type: "User" } } };
    }
    m = /^\/commits\/([0-9a-f]{40})$/.exec(rest);
    if (m && method === "GET") return { status: 200, body: commitJson(commitOf(m[1] ?? "")) };
    m = /^\/pulls\/(\d+)$/.exec(rest);
    if (m && method === "GET") {
      const p = repo.pulls.find((x) => x.number === Number(m?.[1]));
      return p ? { status: 200, body: pullJson(p) } : notFound;
    }
    m = /^\/pulls\/(\d+)\/commits$/.exec(rest);
    if (m && method === "GET") {
      const p = repo.pulls.find((x) => x.number === Number(m?.[1]));
      return p ? { status: 200, body: [commitJson(commitOf(p.head.sha))] } : notFound;
    }
    m = /^\/pulls\/(\d+)\/merge$/.exec(rest);
    if (m && method === "PUT") {
      const number = Number(m[1]);
      if (merged.has(number)) return { status: 405, body: { message: "Pull Request is not mergeable" } };
      merged.add(number);
      state.effects.merges.push({
        installation,
        number: Number(m[1]),
        sha: body?.sha,
        method: body?.merge_method,
      });
      return {
        status: 200,
        body: { merged: true, sha: "f".repeat(40), message: "Pull Request successfully merged" },
      };
    }
    m = /^\/pulls\/(\d+)\/reviews$/.exec(rest);
    if (m && method === "POST") {
      state.effects.reviews.push({ installation, number: Number(m[1]), event: body?.event });
      return { status: 200, body: { id: nextId++, state: "APPROVED" } };
    }
    m = /^\/actions\/runs\/(\d+)\/rerun-failed-jobs$/.exec(rest);
    if (m && method === "POST") {
      state.effects.reruns.push({ installation, runId: Number(m[1]) });
      return { status: 201, body: {} };
    }
    if (rest === "/deployments" && method === "POST") {
      const id = nextId++;
      state.effects.deployments.push({
        installation,
        id,
        ref: String(body?.ref),
        environment: String(body?.environment),
        requiredContexts: body?.required_contexts,
        payload: body?.payload,
      });
      return {
        status: 201,
        body: { id, url: `${prefix}/deployments/${id}`, ref: body?.ref, environment: body?.environment },
      };
    }
    return undefined;
  };
  sim.handlers.push(handler);
  return state;
}
