// Real Dependabot titles, bodies, branch names and commit messages, each with where it was found (PR
// URL, commit URL, or — for texts quoted inside other files, such as changelogs and CI event
// fixtures — the project and the commit/PR the quote links to). Texts are trimmed to the parts the
// parser reads; what a case expects follows from Dependabot's documented formats. Where a source
// quoted only a commit body, the whole-PR cases give it Dependabot's standard title and branch shape
// (group branch hashes are made up); versions are never made up.
import { describe, expect, it } from "vitest";
import { parseBody } from "../../src/automerge/body.js";
import { parseBranch } from "../../src/automerge/branch.js";
import { describeUpdate } from "../../src/automerge/describe-update.js";
import { parseCommitMetadata } from "../../src/automerge/metadata.js";
import { parseTitle, type TitleInfo } from "../../src/automerge/title.js";
import { computeUpdateType } from "../../src/automerge/update-type.js";

const meta = (...entries: string[][]) =>
  [
    "---",
    "updated-dependencies:",
    ...entries.flatMap(([first, ...rest]) => [`- ${first}`, ...rest.map((l) => `  ${l}`)]),
    "...",
    "",
    "Signed-off-by: dependabot[bot] <support@github.com>",
  ].join("\n");

// ---------------------------------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------------------------------
type TitleCase = { source: string; title: string; expect: Partial<TitleInfo> };
const titles: TitleCase[] = [
  {
    source: "https://github.com/github/kube-service-exporter/pull/94",
    title: "Bump actions/checkout from 3 to 4",
    expect: { kind: "single", prefix: "", names: ["actions/checkout"], from: "3", to: "4" },
  },
  {
    source: "https://github.com/ansible/ansible-documentation/pull/405",
    title: "build(deps): bump actions/checkout from 3 to 4 (#372)",
    expect: { kind: "single", prefix: "build(deps)", names: ["actions/checkout"], from: "3", to: "4" },
  },
  {
    source: "https://github.com/WeblateOrg/docker/pull/1633",
    title: "build(deps): bump python",
    expect: { kind: "single", prefix: "build(deps)", names: ["python"] },
  },
  {
    source: "https://github.com/dependabot/dependabot-core/pull/8577 (martincostello/project-euler#317)",
    title: "Bump the xunit group with 1 update",
    expect: { kind: "group", group: "xunit", count: 1 },
  },
  {
    source: "https://github.com/moltis-org/moltis/pull/1263",
    title: "chore(deps): bump the npm_and_yarn group across 2 directories with 4 updates",
    expect: { kind: "group", prefix: "chore(deps)", group: "npm_and_yarn", directoryCount: 2, count: 4 },
  },
  {
    source: "KooshaPari/pheno PR #244 (PR list quoted in a repository report; find_string id 55709560703)",
    title: "chore(deps): bump the uv group across 2 directories with 1 update",
    expect: { kind: "group", group: "uv", directoryCount: 2, count: 1 },
  },
  {
    source: "https://github.com/microsoft/TypeScript-go/pull/3201",
    title: "Bump the github-actions group across 2 directories with 3 updates",
    expect: { kind: "group", prefix: "", group: "github-actions", directoryCount: 2, count: 3 },
  },
  {
    source: "git log quoted in a repository (find_string id 59102687872), gitmoji prefix",
    title: ":arrow_up: chore(deps): bump the npm-dependencies group across 2 directories with 8 updates",
    expect: { kind: "group", prefix: ":arrow_up: chore(deps)", group: "npm-dependencies", count: 8 },
  },
  {
    source: "https://github.com/mendersoftware/mender-cli/commit/780b00b1aaf29e64bbd0d3e18428f756d683a24f",
    title: "Bump the golang-dependencies group with 2 updates",
    expect: { kind: "group", group: "golang-dependencies", count: 2 },
  },
  {
    source: "https://github.com/OWASP/Nest/pull/5129 (custom prefix)",
    title: "chore(infrastructure): bump hashicorp/aws from 6.36.0 to 6.53.0",
    expect: {
      kind: "single",
      prefix: "chore(infrastructure)",
      names: ["hashicorp/aws"],
      from: "6.36.0",
      to: "6.53.0",
    },
  },
  {
    source:
      "https://github.com/DEFRA/waste-exemptions-back-office/pull/81 (Dependabot Preview security title)",
    title: "[Security] Bump rails from 4.2.11 to 4.2.11.1",
    expect: { kind: "single", securityMarker: true, names: ["rails"], from: "4.2.11", to: "4.2.11.1" },
  },
  {
    source: "https://github.com/DEFRA/waste-exemptions-back-office/pull/273 (git dependency: commit SHAs)",
    title: "Bump waste_exemptions_engine from `7a60ed5` to `7bdc763`",
    expect: { kind: "single", names: ["waste_exemptions_engine"], from: "7a60ed5", to: "7bdc763" },
  },
  {
    source: "https://github.com/opensearch-project/data-prepper PR #2214 (changelog; long name, no versions)",
    title: "Bump org.springframework:spring-context in /data-prepper-core (#2214)",
    expect: {
      kind: "single",
      names: ["org.springframework:spring-context"],
      directory: "/data-prepper-core",
    },
  },
  {
    source: "incident log quoting web/app commit 7065a67b (find_string id 71003971760)",
    title: "build(deps-dev): bump webpack from 5.110.3 to 5.111.1 in /web/app (#15677)",
    expect: {
      kind: "single",
      prefix: "build(deps-dev)",
      names: ["webpack"],
      from: "5.110.3",
      to: "5.111.1",
      directory: "/web/app",
    },
  },
  {
    source:
      "https://github.com/projectdiscovery/nuclei PR #3337 (quoted commit list, find_string id 36902630115)",
    title: "chore(deps): bump golang.org/x/net from 0.6.0 to 0.7.0 in /v2 (#3337)",
    expect: { kind: "single", names: ["golang.org/x/net"], from: "0.6.0", to: "0.7.0", directory: "/v2" },
  },
  {
    source: "vitest pair update quoted in a test fixture (find_string id 69822391189)",
    title: "Bump @vitest/mocker and vitest",
    expect: { kind: "single", names: ["@vitest/mocker", "vitest"] },
  },
  {
    source: "https://github.com/boa-dev/boa/pull/2341 (bors rewrote the title: not Dependabot's shape)",
    title: "[Merged by Bors] - Bump serde_json from 1.0.85 to 1.0.86",
    expect: { kind: "unknown", names: [] },
  },
  {
    source: "https://github.com/factcast/factcast/issues/259 (Dependabot Preview, Maven)",
    title: "Bump spring-boot-dependencies from 2.1.0.RELEASE to 2.1.1.RELEASE",
    expect: {
      kind: "single",
      names: ["spring-boot-dependencies"],
      from: "2.1.0.RELEASE",
      to: "2.1.1.RELEASE",
    },
  },
  {
    source: "https://github.com/leplusorg/docker-img/pull/296 (Alpine package in a Dockerfile)",
    title: "build(deps): bump python3 from 3.12.12-r0 to 3.12.13-r0",
    expect: { kind: "single", names: ["python3"], from: "3.12.12-r0", to: "3.12.13-r0" },
  },
  {
    source:
      "Dependabot docs: library requirement title (dependabot-core MessageComponents, find_string id 31484352031)",
    title: "update rails requirement from ^6.0 to ^7.0",
    expect: { kind: "single", names: ["rails"], from: "^6.0", to: "^7.0" },
  },
  {
    source:
      "https://github.com/MobSF/Mobile-Security-Framework-MobSF PR #2282 (pip; commit list quoted, id 36887178819)",
    title: "Build(deps): Bump django from 4.1.12 to 4.1.13 (#2282)",
    expect: { kind: "single", prefix: "Build(deps)", names: ["django"], from: "4.1.12", to: "4.1.13" },
  },
  {
    source:
      "https://github.com/imAsparky/django-tag-me/commit/3161a149e8a6ff6bf3e587af810e17f76d868b11 (pip)",
    title: "chore(deps): bump django in /example/config/requirements (#168)",
    expect: { kind: "single", names: ["django"], directory: "/example/config/requirements" },
  },
  {
    source: "changelog quoting PR #582 (bundler, id 54821212301)",
    title: "Bump rack from 3.1.8 to 3.1.12 in /examples/sinatra/app/src (#582)",
    expect: {
      kind: "single",
      names: ["rack"],
      from: "3.1.8",
      to: "3.1.12",
      directory: "/examples/sinatra/app/src",
    },
  },
  {
    source: "changelog quoting PR #157 (pip, capitalised prefix; id 44953248686)",
    title: "Chore(deps): bump django from 2.2.20 to 2.2.24 (#157)",
    expect: {
      kind: "single",
      prefix: "Chore(deps)",
      securityMarker: false,
      names: ["django"],
      from: "2.2.20",
      to: "2.2.24",
    },
  },
  {
    source:
      "same changelog, Dependabot Preview security title after a prefix (cut where the quote is cut; id 44953248686)",
    title: "Chore(deps): [security] bump django-debug-toolbar",
    expect: { kind: "single", prefix: "Chore(deps)", securityMarker: true, names: ["django-debug-toolbar"] },
  },
];

describe("parseTitle (real titles)", () => {
  it.each(titles)("$title", ({ title, expect: want }) => {
    expect(parseTitle(title)).toMatchObject(want);
  });
});

// ---------------------------------------------------------------------------------------------------
// Commit-message metadata
// ---------------------------------------------------------------------------------------------------
type MetaCase = { source: string; message: string; expect: unknown };
const metas: MetaCase[] = [
  {
    source: "https://github.com/dependabot/dependabot-core/pull/8577 (project-euler commit 62bf0f90)",
    message: `Bump the xunit group with 1 update\n\n${meta(["dependency-name: xunit", "dependency-type: direct:production", "update-type: version-update:semver-patch", "dependency-group: xunit"])}`,
    expect: [{ name: "xunit", dependencyType: "direct:production", updateType: "patch", group: "xunit" }],
  },
  {
    source: "https://github.com/webdevops/azure-devops-exporter/pull/76 (old format: no update-type)",
    message: `Bump golang.org/x/net from 0.9.0 to 0.17.0\n\n${meta(["dependency-name: golang.org/x/net", "dependency-type: indirect"])}`,
    expect: [{ name: "golang.org/x/net", dependencyType: "indirect" }],
  },
  {
    source:
      "hashicorp/setup-terraform bump in a workflow event fixture (find_string id 60807544585): quoted version",
    message: `Bump hashicorp/setup-terraform from 3 to 4\n\n${meta(["dependency-name: hashicorp/setup-terraform", "dependency-version: '4'", "dependency-type: direct:production", "update-type: version-update:semver-major"])}`,
    expect: [
      {
        name: "hashicorp/setup-terraform",
        to: "4",
        updateType: "major",
        dependencyType: "direct:production",
      },
    ],
  },
  {
    source: "https://github.com/erikjuhani/basalt/commit/66dd092c164cf6afe3be086fd72e0d1fb61fc14 (cargo)",
    message: `Bump serde from 1.0.219 to 1.0.223\n\n${meta(["dependency-name: serde", "dependency-version: 1.0.223", "dependency-type: direct:production", "update-type: version-update:semver-patch"])}`,
    expect: [{ name: "serde", to: "1.0.223", updateType: "patch" }],
  },
  {
    source:
      "chore: Bump serde 1.0.145 → 1.0.147 (#1), commit with CRLF line ends (find_string id 42515231242)",
    message:
      "chore: Bump serde from 1.0.145 to 1.0.147 (#1)\n\nBumps [serde](https://github.com/serde-rs/serde) from 1.0.145 to 1.0.147.\r\n\r\n---\r\nupdated-dependencies:\r\n- dependency-name: serde\r\n  dependency-type: direct:production\r\n  update-type: version-update:semver-patch\r\n...\r\n\r\nSigned-off-by: dependabot[bot] <support@github.com>",
    expect: [{ name: "serde", updateType: "patch", dependencyType: "direct:production" }],
  },
  {
    source: "dep-diff-mcp PR #28 grouped trailer with a quoted scoped name (find_string id 67168029559)",
    message: meta(
      [
        'dependency-name: "@types/node"',
        "dependency-version: 26.4.0",
        "dependency-type: direct:development",
        "update-type: version-update:semver-major",
        "dependency-group: dev-dependencies",
      ],
      [
        "dependency-name: esbuild",
        "dependency-version: 0.28.2",
        "dependency-type: direct:development",
        "update-type: version-update:semver-patch",
        "dependency-group: dev-dependencies",
      ],
    ),
    expect: [
      { name: "@types/node", to: "26.4.0", updateType: "major", group: "dev-dependencies" },
      { name: "esbuild", to: "0.28.2", updateType: "patch", group: "dev-dependencies" },
    ],
  },
  {
    source: "vitest pair update (find_string id 69822391189): a removed dependency has an empty version",
    message: meta(
      ['dependency-name: "@vitest/mocker"', "dependency-version:", "dependency-type: indirect"],
      ["dependency-name: vitest", "dependency-version: 4.1.11", "dependency-type: direct:development"],
    ),
    expect: [
      { name: "@vitest/mocker", dependencyType: "indirect" },
      { name: "vitest", to: "4.1.11", dependencyType: "direct:development" },
    ],
  },
  {
    source:
      "golang.org/x/text 0.32.0 → 0.33.0 changelog (find_string id 48132321566): 1.10-like versions stay strings",
    message: meta([
      "dependency-name: github.com/spf13/cobra",
      "dependency-version: 1.10",
      "dependency-type: direct:production",
      "update-type: version-update:semver-minor",
    ]),
    expect: [{ name: "github.com/spf13/cobra", to: "1.10", updateType: "minor" }],
  },
];

describe("parseCommitMetadata (real commit messages)", () => {
  it.each(metas)("$source", ({ message, expect: want }) => {
    const result = parseCommitMetadata(message);
    expect(result).toMatchObject({ found: true, ok: true });
    if (result.found && result.ok) expect(result.dependencies).toMatchObject(want as object[]);
  });

  it.each([
    [
      "no block at all (a human commit)",
      "Fix the build\n\nSigned-off-by: Jane <jane@example.com>",
      { found: false },
    ],
    ["block without entries", "---\nupdated-dependencies:\n...", { found: true, ok: false }],
    [
      "entry without a name",
      "---\nupdated-dependencies:\n- dependency-type: indirect\n...",
      { found: true, ok: false },
    ],
    ["broken YAML", "---\nupdated-dependencies:\n- dependency-name: [x\n...", { found: true, ok: false }],
    [
      "aliases are refused (no billion laughs)",
      "---\nupdated-dependencies:\n- &a {dependency-name: x}\n- *a\n...",
      { found: true, ok: false },
    ],
    ["an aliased key line is not the block", "---\nupdated-dependencies: &a\n- *a\n...", { found: false }],
    [
      "unknown dependency-type is left unknown",
      "---\nupdated-dependencies:\n- dependency-name: x\n  dependency-type: weird\n...",
      { found: true, ok: true, dependencies: [{ name: "x" }] },
    ],
  ])("%s", (_, message, want) => {
    expect(parseCommitMetadata(message)).toMatchObject(want);
  });
});

// ---------------------------------------------------------------------------------------------------
// Bodies and branches
// ---------------------------------------------------------------------------------------------------
describe("parseBody (real bodies)", () => {
  it.each([
    {
      source: "https://github.com/dependabot/dependabot-core/pull/8577 (project-euler#315)",
      body: "Bumps the xunit group with 2 updates: [xunit](https://github.com/xunit/xunit) and [xunit.runner.visualstudio](https://github.com/xunit/visualstudio.xunit).\n\n\nUpdates `xunit` from 2.6.2 to 2.6.3\n- [Commits](https://github.com/xunit/xunit/compare/2.6.2...2.6.3)\n\nUpdates `xunit.runner.visualstudio` from 2.5.4 to 2.5.5\n",
      versions: {
        xunit: { from: "2.6.2", to: "2.6.3" },
        "xunit.runner.visualstudio": { from: "2.5.4", to: "2.5.5" },
      },
      security: false,
      directories: [],
    },
    {
      source: "https://github.com/WeblateOrg/docker/pull/1633 (no link around the name)",
      body: "Bumps python from 3.10.7-slim-bullseye to 3.11.0-slim-bullseye.\n",
      versions: { python: { from: "3.10.7-slim-bullseye", to: "3.11.0-slim-bullseye" } },
      security: false,
      directories: [],
    },
    {
      source: "https://github.com/RedHatInsights/patchman-ui/pull/1466 (security update)",
      body: "<details>\n<summary>Dependabot commands and options</summary>\n...\nYou can disable automated security fix PRs for this repo from the [Security Alerts page](https://github.com/RedHatInsights/patchman-ui/network/alerts).\n\n</details>",
      versions: {},
      security: true,
      directories: [],
    },
    {
      source: "codebyvimal/AstraGuard-AI-Apertre-3.0 commit a283d027 (multi-directory group)",
      body: "Bumps the npm_and_yarn group with 2 updates in the /frontend/astra_frontend_asset directory: [vite](https://github.com/vitejs/vite/tree/HEAD/packages/vite) and [js-yaml](https://github.com/nodeca/js-yaml). Bumps the npm_and_yarn group with 1 update in the /frontend/mission-components directory: [cookie](https://github.com/jshttp/cookie).\n",
      versions: {},
      security: false,
      directories: ["/frontend/astra_frontend_asset", "/frontend/mission-components"],
    },
  ])("$source", ({ body, versions, security, directories }) => {
    const parsed = parseBody(body);
    expect(Object.fromEntries(parsed.versions)).toEqual(versions);
    expect(parsed.security).toBe(security);
    expect(parsed.directories).toEqual(directories);
  });
});

describe("parseBranch (real branch names)", () => {
  it.each([
    [
      "dependabot/npm_and_yarn/npm_and_yarn-99e8bff974",
      "npm_and_yarn",
      "ledger of PR #84 (find_string id 65759095029)",
    ],
    [
      "dependabot/github_actions/actions/checkout-4",
      "github_actions",
      "Dependabot default for actions/checkout v4",
    ],
    [
      "dependabot/go_modules/golang.org/x/net-0.17.0",
      "go_modules",
      "webdevops/azure-devops-exporter#76 head",
    ],
    ["dependabot/docker/python-3.12-slim", "docker", "edwardzjl/chatbot#80 reverted bump"],
    [
      "refs/heads/dependabot/terraform/infra/hashicorp/aws-6.65.0",
      "terraform",
      "terraform provider bump (id 69202967399)",
    ],
  ])("%s → %s (%s)", (ref, ecosystem) => {
    expect(parseBranch(ref)?.ecosystem).toBe(ecosystem);
  });
  it.each(["main", "feature/dependabot", "renovate/npm-lodash", "", "dependabot/x"])(
    "%s is not a Dependabot branch",
    (ref) => {
      expect(parseBranch(ref)).toBeUndefined();
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// Update type computed from versions
// ---------------------------------------------------------------------------------------------------
describe("computeUpdateType", () => {
  it.each([
    ["3", "4", undefined, "major", "semver", "actions/checkout (kube-service-exporter#94)"],
    ["0.9.0", "0.17.0", undefined, "minor", "semver", "golang.org/x/net (azure-devops-exporter#76)"],
    ["0.3.7", "0.3.8", undefined, "patch", "semver", "golang.org/x/text (id 71062727036)"],
    ["4.2.11", "4.2.11.1", undefined, "patch", "semver", "rails (waste-exemptions-back-office#81)"],
    ["7.1.3", "7.1.3.2", undefined, "patch", "semver", "rails (betadots/hdm#309)"],
    ["v0.25.3", "v0.25.5", undefined, "patch", "semver", "esbuild tags"],
    ["2.814.0", "2.1354.0", undefined, "minor", "semver", "aws-sdk (svange/api-portal)"],
    ["1.0.0-rc.1", "1.0.0-rc.2", undefined, "major", "semver", "pre-release to pre-release is never 'patch'"],
    ["3.11-slim", "3.12-slim", "docker", "major", "not-semver", "python image (edwardzjl/chatbot#80)"],
    [
      "3.12.12-r0",
      "3.12.13-r0",
      "docker",
      "major",
      "not-semver",
      "Alpine package (leplusorg/docker-img#296)",
    ],
    ["7a60ed5", "7bdc763", "bundler", "major", "not-semver", "git SHAs (waste-exemptions-back-office#273)"],
    [
      "72b9c6cbdb24c49189b0e7c7395d874830d1ed87",
      "d1f40cb9482add27c57925be5085cabe2c20d8be",
      "github_actions",
      "major",
      "not-semver",
      "reusable workflow pinned by SHA (pheno#242)",
    ],
    ["2.1.0.RELEASE", "2.1.1.RELEASE", "maven", "major", "not-semver", "spring-boot (factcast#259)"],
    [undefined, "6.65.0", "terraform", "major", "not-semver", "only the new version known"],
  ] satisfies [string | undefined, string, string | undefined, string, string, string][])(
    "%s → %s (%s) is %s/%s — %s",
    (from, to, eco, type, source, _why) => {
      const got = computeUpdateType(from, to, eco);
      expect(got.updateType).toBe(type);
      expect(got.source).toBe(source);
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// The whole PR: title + body + branch + commits
// ---------------------------------------------------------------------------------------------------
describe("describeUpdate (whole PRs)", () => {
  it("single npm dev dependency: metadata wins over the title (web/app#15677 states 5.111.0 in metadata)", () => {
    const info = describeUpdate({
      title: "build(deps-dev): bump webpack from 5.110.3 to 5.111.1 in /web/app (#15677)",
      body: "Bumps [webpack](https://github.com/webpack/webpack) from 5.110.3 to 5.111.1.",
      headRef: "dependabot/npm_and_yarn/web/app/webpack-5.111.1",
      commitMessages: [
        meta([
          "dependency-name: webpack",
          "dependency-version: 5.111.0",
          "dependency-type: direct:development",
          "update-type: version-update:semver-minor",
        ]),
      ],
    });
    expect(info).toMatchObject({
      ecosystem: "npm_and_yarn",
      updateType: "minor",
      directories: ["/web/app"],
      problems: [],
    });
    expect(info.dependencies).toEqual([
      {
        name: "webpack",
        from: "5.110.3",
        to: "5.111.0",
        dependencyType: "direct:development",
        updateType: "minor",
        updateTypeSource: "metadata",
        directory: "/web/app",
      },
    ]);
  });

  it("grouped: the PR's update type is its largest (dep-diff-mcp#28: major + patch → major)", () => {
    const info = describeUpdate({
      title: "Bump the dev-dependencies group with 2 updates",
      body: "",
      headRef: "dependabot/npm_and_yarn/dev-dependencies-1a2b3c4d5e",
      commitMessages: [metas[5]?.message ?? ""],
    });
    expect(info.updateType).toBe("major");
    expect(info.group).toBe("dev-dependencies");
    expect(info.dependencies.map((d) => d.updateType)).toEqual(["major", "patch"]);
  });

  it("old metadata without update-type: computed with semver (golang.org/x/net 0.9.0 → 0.17.0, azure-devops-exporter#76)", () => {
    const info = describeUpdate({
      title: "Bump golang.org/x/net from 0.9.0 to 0.17.0",
      body: "Bumps [golang.org/x/net](https://github.com/golang/net) from 0.9.0 to 0.17.0.",
      headRef: "dependabot/go_modules/golang.org/x/net-0.17.0",
      commitMessages: [metas[1]?.message ?? ""],
    });
    expect(info.dependencies[0]).toMatchObject({
      updateType: "minor",
      updateTypeSource: "semver",
      dependencyType: "indirect",
    });
  });

  it("docker tag with a variant and no update-type: counted as major and said so", () => {
    const info = describeUpdate({
      title: "build(deps): bump python from 3.11-slim to 3.12-slim",
      body: "Bumps python from 3.11-slim to 3.12-slim.",
      headRef: "dependabot/docker/python-3.12-slim",
      commitMessages: [meta(["dependency-name: python", "dependency-type: direct:production"])],
    });
    expect(info.updateType).toBe("major");
    expect(info.problems.join(" ")).toMatch(/not a semver version change, counted as major/);
  });

  it("pair update: a removed dependency has no versions → major (vitest, id 69822391189)", () => {
    const info = describeUpdate({
      title: "Bump @vitest/mocker and vitest",
      body: "Removes `@vitest/mocker`\n\nUpdates `vitest` from 4.1.6 to 4.1.11\n",
      headRef: "dependabot/npm_and_yarn/multi-abc123",
      commitMessages: [metas[6]?.message ?? ""],
    });
    expect(info.dependencies.map((d) => [d.name, d.updateType])).toEqual([
      ["@vitest/mocker", "major"],
      ["vitest", "patch"],
    ]);
  });

  it("Dependabot Preview security PR: marker in the title, no metadata → type unknown (DEFRA/waste-exemptions-back-office#81)", () => {
    const info = describeUpdate({
      title: "[Security] Bump rails from 4.2.11 to 4.2.11.1",
      body: "Bumps [rails](https://github.com/rails/rails) from 4.2.11 to 4.2.11.1.",
      headRef: "dependabot/bundler/rails-4.2.11.1",
      commitMessages: ["[Security] Bump rails from 4.2.11 to 4.2.11.1"],
    });
    expect(info.security).toBe(true);
    expect(info.dependencies).toEqual([
      { name: "rails", from: "4.2.11", to: "4.2.11.1", updateType: "patch", updateTypeSource: "semver" },
    ]);
    expect(info.problems).toContain("rails: dependency type unknown");
  });

  it("no metadata in any commit: names from the title, dependency type unknown (starcoinorg/starcoin#1998)", () => {
    const info = describeUpdate({
      title: "Bump serde from 1.0.118 to 1.0.119",
      body: null,
      headRef: "dependabot/cargo/serde-1.0.119",
      commitMessages: ["Bump serde from 1.0.118 to 1.0.119"],
    });
    expect(info.dependencies).toEqual([
      { name: "serde", from: "1.0.118", to: "1.0.119", updateType: "patch", updateTypeSource: "semver" },
    ]);
    expect(info.problems).toContain("serde: dependency type unknown");
    expect(info.ecosystem).toBe("cargo");
  });

  it("pip group without update types: each computed or counted major, the group is its largest (scrapy 1.8.2 → 2.16.0, id 60539751078)", () => {
    const info = describeUpdate({
      title: "Bump the pip group with 4 updates",
      body: "Updates `scrapy` from 1.8.2 to 2.16.0\nUpdates `sqlparse` from 0.4.4 to 0.5.4\n",
      headRef: "dependabot/pip/pip-5d41402abc",
      commitMessages: [
        meta(
          [
            "dependency-name: django",
            "dependency-version: 4.2.30",
            "dependency-type: direct:production",
            "dependency-group: pip",
          ],
          [
            "dependency-name: lxml",
            "dependency-version: 6.1.0",
            "dependency-type: direct:production",
            "dependency-group: pip",
          ],
          [
            "dependency-name: scrapy",
            "dependency-version: 2.16.0",
            "dependency-type: direct:production",
            "dependency-group: pip",
          ],
          [
            "dependency-name: sqlparse",
            "dependency-version: 0.5.4",
            "dependency-type: direct:production",
            "dependency-group: pip",
          ],
        ),
      ],
    });
    expect(info.dependencies.map((d) => [d.name, d.updateType, d.updateTypeSource])).toEqual([
      // The excerpt does not show these two "from" versions: unknown → counted as major, never guessed.
      ["django", "major", "not-semver"],
      ["lxml", "major", "not-semver"],
      ["scrapy", "major", "semver"],
      ["sqlparse", "minor", "semver"],
    ]);
    expect(info.updateType).toBe("major");
    expect(info.ecosystem).toBe("pip");
  });

  it("pip security group of indirect dependencies (django 6.1 → 6.1.1, urllib3, id 70212172084)", () => {
    const info = describeUpdate({
      title: "Bump the python-security group across 1 directory with 2 updates",
      body: "Updates `django` from 6.1 to 6.1.1\n- [Commits](https://github.com/django/django/compare/6.1...6.1.1)\n\nUpdates `urllib3` from 2.7.0 to 2.8.0\n",
      headRef: "dependabot/pip/python-security-0cc175b9c0",
      commitMessages: [
        meta(
          [
            "dependency-name: django",
            "dependency-version: 6.1.1",
            "dependency-type: indirect",
            "dependency-group: python-security",
          ],
          [
            "dependency-name: urllib3",
            "dependency-version: 2.8.0",
            "dependency-type: indirect",
            "dependency-group: python-security",
          ],
        ),
      ],
    });
    expect(info.dependencies.map((d) => [d.name, d.dependencyType, d.updateType])).toEqual([
      ["django", "indirect", "patch"],
      ["urllib3", "indirect", "minor"],
    ]);
    expect(info.group).toBe("python-security");
  });

  it("pip title without versions: versions from the body (imAsparky/django-tag-me 3161a149)", () => {
    const info = describeUpdate({
      title: "chore(deps): bump django in /example/config/requirements (#168)",
      body: "Bumps [django](https://github.com/django/django) from 5.0.7 to 5.0.8.\n- [Commits](https://github.com/django/django/compare/5.0.7...5.0.8)",
      headRef: "dependabot/pip/example/config/requirements/django-5.0.8",
      commitMessages: [meta(["dependency-name: django", "dependency-type: direct:production"])],
    });
    expect(info.dependencies).toEqual([
      {
        name: "django",
        from: "5.0.7",
        to: "5.0.8",
        dependencyType: "direct:production",
        updateType: "patch",
        updateTypeSource: "semver",
        directory: "/example/config/requirements",
      },
    ]);
  });

  it("bundler group with mixed dependency types (alphagov: rack, rails, govuk_sidekiq; id 11334641256)", () => {
    const info = describeUpdate({
      title: "Bump the bundler group with 3 updates",
      body: "Updates `rails` from 7.0.8 to 7.1.1\nUpdates `govuk_sidekiq` from 5.7.0 to 5.8.0\n",
      headRef: "dependabot/bundler/bundler-8277e0910d",
      commitMessages: [
        meta(
          [
            "dependency-name: rack",
            "dependency-type: direct:development",
            "update-type: version-update:semver-minor",
          ],
          [
            "dependency-name: rails",
            "dependency-type: direct:production",
            "update-type: version-update:semver-minor",
          ],
          [
            "dependency-name: govuk_sidekiq",
            "dependency-type: direct:production",
            "update-type: version-update:semver-minor",
          ],
        ),
      ],
    });
    expect(info.dependencies.map((d) => [d.name, d.dependencyType, d.from ?? null])).toEqual([
      ["rack", "direct:development", null],
      ["rails", "direct:production", "7.0.8"],
      ["govuk_sidekiq", "direct:production", "5.7.0"],
    ]);
    expect(info.updateType).toBe("minor");
    expect(info.ecosystem).toBe("bundler");
  });

  // spring-test's dependency-type is cut off in the quote; it is set to development here to show that
  // types are kept per dependency.
  it("maven group: each dependency keeps its own type (spring 6.2.10 → 6.2.11, id 25669244759)", () => {
    const info = describeUpdate({
      title: "Bump the spring group with 3 updates",
      body: "Updates `org.springframework:spring-jdbc` from 6.2.10 to 6.2.11\nUpdates `org.springframework:spring-orm` from 6.2.10 to 6.2.11\nUpdates `org.springframework:spring-test` from 6.2.10 to 6.2.11\n",
      headRef: "dependabot/maven/spring-4f5e6d",
      commitMessages: [
        meta(
          [
            "dependency-name: org.springframework:spring-jdbc",
            "dependency-version: 6.2.11",
            "dependency-type: direct:production",
            "update-type: version-update:semver-patch",
          ],
          [
            "dependency-name: org.springframework:spring-orm",
            "dependency-version: 6.2.11",
            "dependency-type: direct:production",
            "update-type: version-update:semver-patch",
          ],
          [
            "dependency-name: org.springframework:spring-test",
            "dependency-version: 6.2.11",
            "dependency-type: direct:development",
            "update-type: version-update:semver-patch",
          ],
        ),
      ],
    });
    expect(info.dependencies.map((d) => [d.from, d.dependencyType])).toEqual([
      ["6.2.10", "direct:production"],
      ["6.2.10", "direct:production"],
      ["6.2.10", "direct:development"],
    ]);
    expect(info.ecosystem).toBe("maven");
  });
});
