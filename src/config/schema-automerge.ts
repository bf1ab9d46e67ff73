// The `automerge:` section of `.github/tollgate.yml` (defaults from DESIGN.md).
import { z } from "zod";
import { globList, isTimeZone, must, nonEmptyString, oneOf, section, uniqueList } from "./fields.js";
import { DEPENDENCY_TYPES, MERGE_METHODS, parseHours, UPDATE_TYPES, WEEKDAYS } from "./names.js";

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

export const automerge = section({ dependabot }, "Automatic merges.");
