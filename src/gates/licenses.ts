// Licences: no dependency may be under a denied licence (see spdx.ts for how expressions are judged).
// Packages whose licence cannot be told are listed, not failed: a deny list cannot judge them.
import type { LicensePackage } from "../reports/model.js";
import { absent, empty } from "./required.js";
import { isInformational, plural } from "./result.js";
import { judgeLicense } from "./spdx.js";
import type { DeniedPackage, GateInput, GateResult } from "./types.js";

const SHOWN_IN_REASON = 3;

export function licensesGate(input: GateInput): GateResult {
  const report = input.merged.licenses;
  if (report === undefined) return absent("licenses", "licenses", input);
  if (report.packages.length === 0)
    return empty("licenses", "licenses", input, "the licence report lists no packages");
  const deny = input.config.gates.licenses.deny;
  const denied: DeniedPackage[] = [];
  const unknown: LicensePackage[] = [];
  for (const pkg of report.packages) {
    const judgement = judgeLicense(pkg.license, deny);
    if (judgement.status === "denied") denied.push({ ...pkg, denied: judgement.denied });
    else if (judgement.status === "unknown") unknown.push(pkg);
  }
  const unknownNote =
    unknown.length > 0 ? `; ${plural(unknown.length, "package")} with an unknown licence` : "";
  const named = denied
    .slice(0, SHOWN_IN_REASON)
    .map((pkg) => `${pkg.name}${pkg.version ? `@${pkg.version}` : ""} (${pkg.license})`)
    .join(", ");
  const more = denied.length > SHOWN_IN_REASON ? ` and ${denied.length - SHOWN_IN_REASON} more` : "";
  return {
    gate: "licenses",
    status: denied.length === 0 ? "passed" : "failed",
    informational: isInformational(input.config, "licenses"),
    value: denied.length,
    threshold: 0,
    unit: "count",
    reason:
      denied.length === 0
        ? `no denied licence among ${plural(report.packages.length, "package")}${unknownNote}`
        : `${plural(denied.length, "package")} under a denied licence: ${named}${more}${unknownNote}`,
    details: { kind: "licenses", denied, unknown },
  };
}
