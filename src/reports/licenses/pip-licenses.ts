// pip-licenses `--format=json`: [{ "Name": "requests", "Version": "2.31.0", "License": "Apache Software License" }, …]
// plus optional columns (URL, Author, LicenseFile, …). The licence comes from the package metadata or its trove
// classifiers (several joined by "; "); unambiguous classifiers become SPDX (trove.ts), the rest is kept as
// reported; empty or missing → "UNKNOWN".
import type { LicensePackage, Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser } from "../parser.js";
import { asString, isRecord, readJson } from "../read.js";
import { troveToSpdx } from "./trove.js";

const FORMAT = "pip-licenses";

export function pipPackage(entry: unknown): LicensePackage | undefined {
  if (!isRecord(entry)) return undefined;
  const name = asString(entry.Name)?.trim();
  if (!name) return undefined;
  const license = asString(entry.License)?.trim();
  const pkg: LicensePackage = { name, license: license ? troveToSpdx(license) : "UNKNOWN" };
  const version = asString(entry.Version)?.trim();
  if (version) pkg.version = version;
  return pkg;
}

export const pipLicensesParser: FormatParser = {
  format: FORMAT,
  kind: "licenses",
  sniff(head) {
    return /^\s*\[\s*(\]|\{)/.test(head) && /"Name"\s*:/.test(head) && /"License"\s*:/.test(head);
  },
  async parse(file, ctx): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    if (!Array.isArray(json.value)) {
      return [unreadable(file.path, "not pip-licenses JSON: expected an array of packages", FORMAT)];
    }
    const packages: LicensePackage[] = [];
    let skipped = 0;
    for (const entry of json.value) {
      const pkg = pipPackage(entry);
      if (pkg) packages.push(pkg);
      else skipped += 1;
    }
    if (skipped > 0 && packages.length === 0) {
      return [
        unreadable(file.path, `none of the ${skipped} entries has a "Name": not pip-licenses JSON`, FORMAT),
      ];
    }
    const report: Report = { kind: "licenses", format: FORMAT, source: file.path, packages };
    if (skipped === 0) return [report];
    return [report, unreadable(file.path, `skipped ${skipped} entries without a "Name"`, FORMAT)];
  },
};
