// The `gates:` section of `.github/tollgate.yml` (defaults from DESIGN.md).
import { z } from "zod";
import {
  count,
  MAX_LIST_ENTRIES,
  must,
  nonEmptyString,
  oneOf,
  percent,
  section,
  uniqueList,
} from "./fields.js";
import { GATE_NAMES, REPORT_KINDS } from "./names.js";

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

export const gates = section(
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
