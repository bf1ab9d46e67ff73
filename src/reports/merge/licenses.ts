// Merging licence reports (npm and Python dependencies, several legs): packages de-duplicated by
// name@version. When two reports disagree on a package's licence, a known licence replaces "UNKNOWN", and
// two different known licences are both kept: hiding either could let a denied licence through.
import type { LicensePackage, LicenseReport } from "../model.js";
import { mergedNames } from "./names.js";

const key = (p: LicensePackage) => `${p.name}@${p.version ?? ""}`;
const UNKNOWN = "UNKNOWN";

/** Adds one package to the entries already kept for its name@version. */
function keep(list: LicensePackage[], p: LicensePackage): LicensePackage[] {
  if (list.some((q) => q.license === p.license)) return list;
  if (p.license === UNKNOWN) return list.length > 0 ? list : [{ ...p }];
  return [...list.filter((q) => q.license !== UNKNOWN), { ...p }];
}

export function mergeLicenses(reports: readonly LicenseReport[]): LicenseReport {
  const byKey = new Map<string, LicensePackage[]>();
  for (const r of reports) for (const p of r.packages) byKey.set(key(p), keep(byKey.get(key(p)) ?? [], p));
  return { kind: "licenses", ...mergedNames(reports), packages: [...byKey.values()].flat() };
}
