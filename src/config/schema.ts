// The repository config `.github/tollgate.yml` (DESIGN.md "Repository config" is the contract).
// Every key is optional; `tollgateConfigSchema.parse({})` is the full default config. Unknown keys are
// refused so a typo never silently does nothing. Secrets and bounds (annotation caps, artifact sizes)
// are not here on purpose: they come only from the app's environment.
import { z } from "zod";
import {
  count,
  globList,
  isTimeZone,
  MAX_LIST_ENTRIES,
  must,
  nonEmptyString,
  oneOf,
  percent,
  section,
  show,
  uniqueList,
} from "./fields.js";

export const CONFIG_PATH = ".github/tollgate.yml";

export const REPORT_KINDS = [
  "tests",
  "coverage",
  "security",
  "performance",
  "licenses",
  "complexity",
] as const;
/** Gates a repository may mark informational: a report kind (all its gates) or one coverage gate. */
export const GATE_NAMES = [...REPORT_KINDS, "coverage.drop", "coverage.patch"] as const;
export const MERGE_METHODS = ["squash", "merge", "rebase"] as const;
export const UPDATE_TYPES = ["patch", "minor", "major"] as const;
export const DEPENDENCY_TYPES = ["direct:development", "direct:production", "indirect"] as const;
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const SLACK_EVENTS = ["deployment", "default_branch_failure", "gate_failure", "automerge"] as const;

const HOURS = /^(\d{2})-(\d{2})$/;

/** "09-17": from 09:00 to 17:00, start < end, 00..24. */
export function parseHours(text: string): { start: number; end: number } | undefined {
  const match = HOURS.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start < end && end <= 24 ? { start, end } : undefined;
}

const pathFloor = z
  .strictObject(
    {
      path: nonEmptyString('a non-empty glob pattern, e.g. "src/billing/**"'),
      min: z
        .number(must("a number between 0 and 100"))
        .min(0, must("a number between 0 and 100"))
        .max(100, must("a number between 0 and 100")),
    },
    must('a map like {path: "src/billing/**", min: 90}'),
  )
  .meta({ description: "A stricter floor for the files matching `path`." });

const tests = section(
  {
    max_failed: count(0).meta({ description: "Failed + errored test cases allowed." }),
  },
  "Test results gate.",
);

const coverage = section(
  {
    min: percent(80).meta({ description: "% of lines covered in the commit." }),
    max_drop: percent(1).meta({ description: "Percentage points allowed below the base commit." }),
    patch_min: percent(80).meta({
      description: "% of the pull request's changed executable lines that are covered.",
    }),
    paths: z
      .array(pathFloor, must("a list of {path, min} maps"))
      .max(MAX_LIST_ENTRIES, { error: `must have at most ${MAX_LIST_ENTRIES} entries` })
      .default([])
      .meta({ description: 'Stricter floors per glob, e.g. [{path: "src/billing/**", min: 90}].' }),
  },
  "Coverage gates: floor, drop against the base commit, and patch coverage.",
);

const security = section(
  {
    max_critical: count(0).meta({ description: "Critical findings allowed." }),
    max_high: count(0).meta({ description: "High findings allowed." }),
    max_medium: count(5).meta({ description: "Medium findings allowed." }),
    max_secrets: count(0).meta({
      description: "Leaked-secret findings allowed (gitleaks, trufflehog, SARIF secret rules).",
    }),
  },
  "Security findings gate.",
);

const ratioPhrase = must("a fraction between 0 and 1 (0.01 means 1 %)");
const performance = section(
  {
    p95_ms: z
      .number(must("a number of milliseconds above 0"))
      .positive(must("a number of milliseconds above 0"))
      .default(500)
      .meta({ description: "Highest p95 latency allowed, in milliseconds." }),
    max_error_rate: z.number(ratioPhrase).min(0, ratioPhrase).max(1, ratioPhrase).default(0.01).meta({
      description: "Highest failed-request rate allowed, as a fraction (0.01 = 1 %).",
    }),
    max_regression_pct: z
      .number(must("a number of percent, 0 or more"))
      .min(0, must("a number of percent, 0 or more"))
      .default(20)
      .meta({ description: "A benchmark slower than on the base commit by more than this % fails." }),
  },
  "Performance gate: latency, error rate, benchmark regressions.",
);

const complexity = section(
  {
    max_cyclomatic: z
      .int(must("a whole number, 1 or more"))
      .min(1, must("a whole number, 1 or more"))
      .default(10)
      .meta({ description: "Highest cyclomatic complexity allowed for one function." }),
  },
  "Complexity gate.",
);

const licenses = section(
  {
    deny: uniqueList(nonEmptyString("an SPDX licence identifier"), "SPDX licence identifiers")
      .default(["GPL-3.0-only", "GPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "SSPL-1.0"])
      .meta({ description: "SPDX identifiers no dependency may be under." }),
  },
  "Licence gate.",
);

const gates = section(
  {
    tests,
    coverage,
    security,
    performance,
    complexity,
    licenses,
    required: uniqueList(oneOf(REPORT_KINDS), `report kinds (${REPORT_KINDS.join(", ")})`)
      .default([])
      .meta({ description: "Report kinds that must be present, e.g. [tests, coverage]." }),
    informational: uniqueList(oneOf(GATE_NAMES), `gate names (${GATE_NAMES.join(", ")})`)
      .default([])
      .meta({
        description:
          "Gates shown but never failing, e.g. [performance]. A report kind covers all its gates; coverage.drop and coverage.patch name one coverage gate.",
      }),
  },
  "Quality gates.",
).superRefine((value, ctx) => {
  value.required.forEach((kind, index) => {
    if ((value.informational as readonly string[]).includes(kind)) {
      ctx.addIssue({
        code: "custom",
        path: ["required", index],
        message: `"${kind}" is both required and informational; choose one`,
      });
    }
  });
});

const collect = section(
  {
    workflows: uniqueList(nonEmptyString("a workflow name"), "workflow names")
      .default([])
      .meta({ description: "Workflow names to read; empty: all." }),
    artifacts: globList("artifact names")
      .default([])
      .meta({ description: "Artifact name globs; empty: all." }),
  },
  "Which CI outputs to read.",
);

const comment = section(
  {
    enabled: z
      .boolean(must("true or false"))
      .default(true)
      .meta({ description: "Post the sticky PR comment." }),
  },
  "The sticky pull-request comment.",
);

const hoursPhrase = must('hours as "HH-HH" with 00 ≤ start < end ≤ 24, e.g. "09-17"');
const schedule = z
  .strictObject(
    {
      days: uniqueList(oneOf(WEEKDAYS), `weekdays (${WEEKDAYS.join(", ")})`)
        .min(1, { error: "must list at least one weekday" })
        .default([...WEEKDAYS])
        .meta({ description: "Weekdays merges may happen on." }),
      hours: z
        .string(hoursPhrase)
        .refine((text) => parseHours(text) !== undefined, hoursPhrase)
        .default("00-24")
        .meta({ description: 'Hours of the day, e.g. "09-17" (09:00 to 17:00).' }),
      timezone: z
        .string(must("an IANA time zone, e.g. Europe/Berlin"))
        .refine(isTimeZone, must("an IANA time zone, e.g. Europe/Berlin"))
        .default("UTC")
        .meta({ description: "IANA time zone of days and hours." }),
    },
    must('a map like {days: [mon, tue], hours: "09-17", timezone: Europe/Berlin}, or null'),
  )
  .nullable()
  .default(null)
  .meta({ description: "Merge window; null: any time." });

const dependabot = section(
  {
    enabled: z
      .boolean(must("true or false"))
      .default(false)
      .meta({ description: "Auto-merge Dependabot PRs (opt-in)." }),
    update_types: uniqueList(oneOf(UPDATE_TYPES), `update types (${UPDATE_TYPES.join(", ")})`)
      .default(["patch", "minor"])
      .meta({ description: "Semver update types merged automatically." }),
    dependency_types: uniqueList(oneOf(DEPENDENCY_TYPES), `dependency types (${DEPENDENCY_TYPES.join(", ")})`)
      .default(["direct:development", "direct:production", "indirect"])
      .meta({ description: "Dependency types merged automatically." }),
    ignore: globList("dependency names")
      .default([])
      .meta({ description: "Dependency-name globs never auto-merged." }),
    blocking_labels: uniqueList(nonEmptyString("a label name"), "label names")
      .default(["do-not-merge"])
      .meta({ description: "A PR with one of these labels is never auto-merged." }),
    schedule,
    method: oneOf(MERGE_METHODS)
      .default("squash")
      .meta({ description: "Merge method: squash | merge | rebase." }),
  },
  "Dependabot auto-merge.",
);

const automerge = section({ dependabot }, "Automatic merges.");

const deployments = section(
  {
    order: uniqueList(nonEmptyString("an environment name"), "environment names")
      .default(["staging", "production"])
      .meta({ description: "A sha reaches an environment only after succeeding in the one before." }),
    protect: uniqueList(nonEmptyString("an environment name"), "environment names")
      .default(["production"])
      .meta({
        description:
          "Environments whose protection rule demands a passed gate and the order; each must be in `order`.",
      }),
  },
  "Deployment promotion and protection.",
).superRefine((value, ctx) => {
  value.protect.forEach((env, index) => {
    if (!value.order.includes(env)) {
      ctx.addIssue({
        code: "custom",
        path: ["protect", index],
        message: `${show(env)} is not in deployments.order (${value.order.join(", ") || "empty"}); add it there or fix the name`,
      });
    }
  });
});

const slack = section(
  {
    channel: nonEmptyString("a Slack channel name or id, or null")
      .nullable()
      .default(null)
      .meta({ description: "Web API channel; the webhook URL fixes its own channel." }),
    notify: uniqueList(oneOf(SLACK_EVENTS), `events (${SLACK_EVENTS.join(", ")})`)
      .default(["deployment", "default_branch_failure", "gate_failure", "automerge"])
      .meta({ description: "Events posted to Slack." }),
  },
  "Slack notifications.",
);

export const tollgateConfigSchema = z
  .strictObject(
    {
      _extends: z
        .string(must('a repository ("repo" or "owner/repo", optionally ":path.yml")'))
        .optional()
        .meta({ description: 'Probot: inherit settings from another repository\'s file, e.g. ".github".' }),
      gates,
      collect,
      comment,
      automerge,
      deployments,
      slack,
    },
    must("a map of settings (key: value)"),
  )
  .meta({
    title: "Tollgate repository config (.github/tollgate.yml)",
    description: "Every key is optional; omitted keys take their defaults.",
  });

export type TollgateConfig = Omit<z.output<typeof tollgateConfigSchema>, "_extends">;
export type TollgateConfigInput = z.input<typeof tollgateConfigSchema>;
export type ReportKindName = (typeof REPORT_KINDS)[number];
export type GateName = (typeof GATE_NAMES)[number];

export const DEFAULT_CONFIG: TollgateConfig = tollgateConfigSchema.parse({});
