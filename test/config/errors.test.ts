import { describe, expect, it } from "vitest";
import { renderConfigErrors } from "../../src/config/errors.js";
import { parseConfigText } from "../../src/config/parse-text.js";
import { validateConfig } from "../../src/config/validate.js";

const KNOWN_GATES = "tests, coverage, security, performance, complexity, licenses, required, informational";

// The exact messages users see in the check run. One row per bad config: [name, yaml, errors].
const BAD_CONFIGS: [string, string, { path: string; message: string; line?: number; column?: number }[]][] = [
  [
    "wrong type",
    "gates:\n  coverage:\n    min: eighty\n",
    [{ path: "gates.coverage.min", message: 'must be a number between 0 and 100, got "eighty"' }],
  ],
  [
    "out of range",
    "gates:\n  coverage:\n    patch_min: 101\n",
    [{ path: "gates.coverage.patch_min", message: "must be a number between 0 and 100, got 101" }],
  ],
  [
    "typo'd section",
    "gates:\n  coverag:\n    min: 90\n",
    [
      {
        path: "gates.coverag",
        message: `unknown key; did you mean "coverage"? known keys here: ${KNOWN_GATES}`,
      },
    ],
  ],
  [
    "unknown top-level key",
    "gatse:\n  tests: {}\n",
    [
      {
        path: "gatse",
        message:
          'unknown key; did you mean "gates"? known keys here: gates, collect, comment, automerge, deployments, slack',
      },
    ],
  ],
  [
    "unknown key with no near match",
    "comment:\n  colour: red\n",
    [{ path: "comment.colour", message: "unknown key; known keys here: enabled" }],
  ],
  [
    "bad enum",
    "automerge:\n  dependabot:\n    method: fast-forward\n",
    [
      {
        path: "automerge.dependabot.method",
        message: 'must be one of squash, merge, rebase, got "fast-forward"',
      },
    ],
  ],
  [
    "bad enum in a list",
    "automerge:\n  dependabot:\n    update_types: [patch, huge]\n",
    [
      {
        path: "automerge.dependabot.update_types[1]",
        message: 'must be one of patch, minor, major, got "huge"',
      },
    ],
  ],
  [
    "bad glob list",
    "collect:\n  artifacts: [coverage-*, '']\n",
    [{ path: "collect.artifacts[1]", message: 'must be a non-empty glob pattern (artifact names), got ""' }],
  ],
  [
    "glob list given as a single string",
    "automerge:\n  dependabot:\n    ignore: 'aws-*'\n",
    [
      {
        path: "automerge.dependabot.ignore",
        message: 'must be a list of dependency names (non-empty glob patterns), got "aws-*"',
      },
    ],
  ],
  [
    "bad schedule hours",
    "automerge:\n  dependabot:\n    schedule: {hours: '17-09'}\n",
    [
      {
        path: "automerge.dependabot.schedule.hours",
        message: 'must be hours as "HH-HH" with 00 ≤ start < end ≤ 24, e.g. "09-17", got "17-09"',
      },
    ],
  ],
  [
    "bad timezone",
    "automerge:\n  dependabot:\n    schedule: {timezone: Mars/Olympus_Mons}\n",
    [
      {
        path: "automerge.dependabot.schedule.timezone",
        message: 'must be an IANA time zone, e.g. Europe/Berlin, got "Mars/Olympus_Mons"',
      },
    ],
  ],
  [
    "bad weekday",
    "automerge:\n  dependabot:\n    schedule: {days: [mon, funday]}\n",
    [
      {
        path: "automerge.dependabot.schedule.days[1]",
        message: 'must be one of mon, tue, wed, thu, fri, sat, sun, got "funday"',
      },
    ],
  ],
  [
    "YAML syntax error with line",
    "gates:\n  coverage:\n    min: 80\n   max_drop: 2\n",
    [
      {
        path: "",
        message: "YAML syntax error at line 4, column 1: All mapping items must start at the same column",
        line: 4,
        column: 1,
      },
    ],
  ],
  [
    "duplicate key",
    "comment:\n  enabled: true\n  enabled: false\n",
    [
      {
        path: "",
        message: "YAML syntax error at line 3, column 3: Map keys must be unique",
        line: 3,
        column: 3,
      },
    ],
  ],
  [
    "a list where a map is expected",
    "gates: [tests, coverage]\n",
    [{ path: "gates", message: "must be a map of settings (key: value), got a list" }],
  ],
  [
    "a list as the whole file",
    "- gates\n",
    [{ path: "", message: "the file must be a map of settings (key: value) at the top level" }],
  ],
  [
    "negative count",
    "gates:\n  tests:\n    max_failed: -1\n",
    [{ path: "gates.tests.max_failed", message: "must be a whole number, 0 or more, got -1" }],
  ],
  [
    "fractional count",
    "gates:\n  security:\n    max_high: 1.5\n",
    [{ path: "gates.security.max_high", message: "must be a whole number, 0 or more, got 1.5" }],
  ],
  [
    "infinite count",
    "gates:\n  security:\n    max_critical: .inf\n",
    [{ path: "gates.security.max_critical", message: "must be a whole number, 0 or more, got Infinity" }],
  ],
  [
    "duplicate env in order",
    "deployments:\n  order: [staging, production, staging]\n",
    [{ path: "deployments.order[2]", message: 'repeats "staging"' }],
  ],
  [
    "protected env missing from the order (a typo would leave production unguarded)",
    "deployments:\n  protect: [prodution]\n",
    [
      {
        path: "deployments.protect[0]",
        message:
          '"prodution" is not in deployments.order (staging, production); add it there or fix the name',
      },
    ],
  ],
  [
    "p95 of zero and an error rate given in percent",
    "gates:\n  performance:\n    p95_ms: 0\n    max_error_rate: 5\n",
    [
      { path: "gates.performance.p95_ms", message: "must be a number of milliseconds above 0, got 0" },
      {
        path: "gates.performance.max_error_rate",
        message: "must be a fraction between 0 and 1 (0.01 means 1 %), got 5",
      },
    ],
  ],
  [
    "YAML 1.1 boolean",
    "comment:\n  enabled: yes\n",
    [{ path: "comment.enabled", message: 'must be true or false, got "yes"' }],
  ],
  [
    "unknown report kind in required",
    "gates:\n  required: [tests, coverge]\n",
    [
      {
        path: "gates.required[1]",
        message: 'must be one of tests, coverage, security, performance, licenses, complexity, got "coverge"',
      },
    ],
  ],
  [
    "a kind both required and informational",
    "gates:\n  required: [coverage]\n  informational: [coverage]\n",
    [{ path: "gates.required[0]", message: '"coverage" is both required and informational; choose one' }],
  ],
  [
    "path floors: empty glob, missing min, unknown key",
    "gates:\n  coverage:\n    paths: [{path: '', min: 90}, {path: 'src/**', minimum: 90}]\n",
    [
      {
        path: "gates.coverage.paths[0].path",
        message: 'must be a non-empty glob pattern, e.g. "src/billing/**", got ""',
      },
      { path: "gates.coverage.paths[1].min", message: "is missing (must be a number between 0 and 100)" },
      { path: "gates.coverage.paths[1].minimum", message: "unknown key; known keys here: path, min" },
    ],
  ],
  [
    "a secret in the repository (its value is never echoed)",
    "slack:\n  webhook_url: https://hooks.slack.com/services/T0/B0/XYZ\n",
    [
      {
        path: "slack.webhook_url",
        message:
          "is not a repository setting: credentials come only from the app's environment, never from repository files (remove it, and rotate it if it was a real secret)",
      },
    ],
  ],
  [
    "a bound in the repository",
    "collect:\n  max_artifact_mb: 9000\n",
    [
      {
        path: "collect.max_artifact_mb",
        message:
          "is not a repository setting: size and annotation limits are set by whoever runs the app, through its environment",
      },
    ],
  ],
];

describe("bad configs are values with the messages users see", () => {
  it.each(BAD_CONFIGS)("%s", (_name, yaml, errors) => {
    expect(parseConfigText(yaml)).toEqual({ ok: false, errors });
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 0 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    expect(parseConfigText(lines.join("\n"))).toEqual({
      ok: false,
      errors: [
        {
          path: "",
          message: "YAML could not be expanded: Excessive alias count indicates a resource exhaustion attack",
        },
      ],
    });
  });

  it("never echoes a secret's value", () => {
    const result = parseConfigText("slack:\n  token: xoxb-very-secret\n");
    expect(JSON.stringify(result)).not.toContain("xoxb-very-secret");
  });

  it("names the file that sets the bad key when several files merge", () => {
    const result = validateConfig([
      { file: "acme/.github:.github/tollgate.yml", config: { gates: { coverage: { min: 120 } } } },
      { file: "acme/api:.github/tollgate.yml", config: { gates: { tests: { max_failed: 1 } } } },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: "gates.coverage.min",
          message: "must be a number between 0 and 100, got 120",
          file: "acme/.github:.github/tollgate.yml",
        },
      ],
    });
  });

  it("bounds the list sizes a repository can make the app walk", () => {
    const many = Array.from({ length: 501 }, (_, i) => `pkg-${i}`);
    const result = validateConfig([{ config: { automerge: { dependabot: { ignore: many } } } }]);
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "automerge.dependabot.ignore", message: "must have at most 500 entries" }],
    });
  });
});

describe("renderConfigErrors", () => {
  it("renders one escaped row per problem", () => {
    const markdown = renderConfigErrors([
      { path: "gates.coverage.min", message: 'must be a number between 0 and 100, got "eighty"' },
      {
        path: "gates.a|b",
        message: "unknown key `x` <script>alert(1)</script> @acme/team #12",
        file: "acme/api:x.yml",
      },
      { path: "", message: "YAML syntax error at line 4, column 1: bad" },
    ]);
    expect(markdown).toBe(
      [
        "**Tollgate could not use `.github/tollgate.yml`**: no gate was evaluated. Fix the settings below and push again.",
        "",
        "| Setting | Problem |",
        "| --- | --- |",
        '| gates.coverage.min | must be a number between 0 and 100, got "eighty" |',
        "| gates.a\\|b in acme/api:x.yml | unknown key \\`x\\` \\<script\\>alert(1)\\</script\\> @\u200bacme/team \\#12 |",
        "| (whole file) | YAML syntax error at line 4, column 1: bad |",
      ].join("\n"),
    );
  });

  it("caps the rows and says how many more", () => {
    const errors = Array.from({ length: 53 }, (_, i) => ({ path: `k${i}`, message: "bad" }));
    const markdown = renderConfigErrors(errors);
    expect(markdown.split("\n").filter((line) => line.startsWith("| k"))).toHaveLength(50);
    expect(markdown.endsWith("…and 3 more.")).toBe(true);
  });
});
