// pip-licenses reports Python licences as trove classifiers ("MIT License", "GNU General Public License v3
// (GPLv3)") when a package declares no SPDX expression. The gate's deny list speaks SPDX, so the classifiers
// that name one licence unambiguously are translated; the others ("BSD License", "Apache Software License":
// no version) are kept as reported. A bare "GPLv3" classifier does not say "or later": it becomes the
// stricter GPL-3.0-only. Several classifiers joined by "; " cannot tell a choice from a combination; they
// become an AND expression, so that a denied licence among them is never hidden (fail closed).
const CLASSIFIERS: Record<string, string> = {
  "MIT License": "MIT",
  "MIT No Attribution License (MIT-0)": "MIT-0",
  "ISC License (ISCL)": "ISC",
  "Mozilla Public License 1.1 (MPL 1.1)": "MPL-1.1",
  "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
  "Python Software Foundation License": "PSF-2.0",
  "The Unlicense (Unlicense)": "Unlicense",
  "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
  "Eclipse Public License 1.0 (EPL-1.0)": "EPL-1.0",
  "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
  "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
  "Academic Free License (AFL)": "AFL-3.0",
  "Server Side Public License (SSPL)": "SSPL-1.0",
  "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
  "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
  "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
  "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
  "GNU Affero General Public License v3": "AGPL-3.0-only",
  "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
  "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
  "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
  "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
  "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
  "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
};

/** Translates what pip-licenses printed into SPDX where that is unambiguous; the rest is kept as printed. */
export function troveToSpdx(license: string): string {
  const parts = license
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return "UNKNOWN";
  const mapped = [...new Set(parts.map((p) => CLASSIFIERS[p] ?? p))];
  if (mapped.length === 1) return mapped[0] ?? "UNKNOWN";
  return mapped.map((p) => (/\s(OR|AND|WITH)\s/.test(p) ? `(${p})` : p)).join(" AND ");
}
