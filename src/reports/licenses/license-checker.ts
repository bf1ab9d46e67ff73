// license-checker `--json` (and its fork license-checker-rseidelsohn): an object keyed "name@version"
// (scoped names keep their leading "@") → { licenses: string | string[], repository, publisher, path,
// licenseFile, … }. A trailing "*" means license-checker guessed the licence from a file; the guess is
// kept without the star. Several licences (the legacy `licenses` array) mean a choice: "A OR B".
// The checked project itself is listed too; it is kept like any package.
import type { LicensePackage, Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser } from "../parser.js";
import { asString, isRecord, readJson } from "../read.js";

const FORMAT = "license-checker";

/** "name@version" → name and version; the "@" of a scope is not a separator. */
export function splitKey(key: string): { name: string; version?: string } {
  const at = key.lastIndexOf("@");
  if (at <= 0) return { name: key };
  return { name: key.slice(0, at), version: key.slice(at + 1) };
}

function clean(license: string): string {
  return license.trim().replace(/\*$/, "").trim();
}

/** True when the whole expression is one parenthesised group, e.g. "(MIT OR X)" but not "(A) OR (B)". */
function wrapped(expr: string): boolean {
  if (!expr.startsWith("(")) return false;
  let depth = 0;
  for (let i = 0; i < expr.length; i += 1) {
    if (expr[i] === "(") depth += 1;
    else if (expr[i] === ")") depth -= 1;
    if (depth === 0) return i === expr.length - 1;
  }
  return false;
}

const operand = (l: string) => (/\s(OR|AND|WITH)\s/.test(l) && !wrapped(l) ? `(${l})` : l);

export function licenseOf(value: unknown): string {
  const list = (Array.isArray(value) ? value : [value])
    .map((v) => asString(v))
    .filter((v): v is string => v !== undefined)
    .map(clean)
    .filter((v) => v !== "");
  if (list.length === 0) return "UNKNOWN";
  if (list.length === 1) return list[0] ?? "UNKNOWN";
  return list.map(operand).join(" OR ");
}

export const licenseCheckerParser: FormatParser = {
  format: FORMAT,
  kind: "licenses",
  sniff(head) {
    return (
      /^\s*\{\s*"(@[^"/]+\/)?[^"@]+@[^"]*"\s*:\s*\{/.test(head) &&
      /"(licenses|licenseFile|repository)"\s*:/.test(head)
    );
  },
  async parse(file, ctx): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    const doc = json.value;
    if (!isRecord(doc))
      return [
        unreadable(file.path, 'not license-checker JSON: expected an object of "name@version"', FORMAT),
      ];
    const packages: LicensePackage[] = [];
    for (const [key, info] of Object.entries(doc)) {
      const { name, version } = splitKey(key);
      const pkg: LicensePackage = { name, license: licenseOf(isRecord(info) ? info.licenses : undefined) };
      if (version) pkg.version = version;
      packages.push(pkg);
    }
    return [{ kind: "licenses", format: FORMAT, source: file.path, packages }];
  },
};
