// The repository config `.github/tollgate.yml` (DESIGN.md "Repository config" is the contract).
// Every key is optional; `tollgateConfigSchema.parse({})` is the full default config. Unknown keys are
// refused so a typo never silently does nothing. Secrets and bounds (annotation caps, artifact sizes)
// are not here on purpose: they come only from the app's environment.
import { z } from "zod";
import { globList, must, nonEmptyString, oneOf, section, show, uniqueList } from "./fields.js";
import { type GATE_NAMES, type REPORT_KINDS, SLACK_EVENTS } from "./names.js";
import { automerge } from "./schema-automerge.js";
import { gates } from "./schema-gates.js";

export {
  CONFIG_PATH,
  DEPENDENCY_TYPES,
  GATE_NAMES,
  MERGE_METHODS,
  parseHours,
  REPORT_KINDS,
  SLACK_EVENTS,
  UPDATE_TYPES,
  WEEKDAYS,
} from "./names.js";

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
