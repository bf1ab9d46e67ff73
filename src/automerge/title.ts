// Dependabot PR titles (= the first line of its commit message) in their known shapes, with any
// commit-message prefix ("chore(deps): ", "build(deps-dev): ", custom ones) and a squash suffix " (#12)".
//   Bump lodash from 4.17.20 to 4.17.21
//   Bump webpack from 5.74.0 to 5.76.1 in /dev-portal
//   Update rails requirement from ~> 6.0 to ~> 7.0
//   Bump org.springframework:spring-context in /data-prepper-core      (long names: no versions)
//   Bump @vitest/mocker and vitest                                     (two dependencies updated together)
//   Bump xunit from 2.6.2 to 2.6.3 in the xunit group                  (a group with one update)
//   Bump the npm_and_yarn group with 3 updates
//   Bump the npm_and_yarn group in /web with 3 updates
//   Bump the uv group across 2 directories with 1 update

export interface TitleInfo {
  /** The commit-message prefix without its colon, e.g. "chore(deps)"; "" when none. */
  prefix: string;
  /** "[Security]" title (Dependabot Preview's security marker). */
  securityMarker: boolean;
  kind: "single" | "group" | "unknown";
  /** Dependency names the title mentions (one, or two for "X and Y"). */
  names: string[];
  from?: string;
  to?: string;
  directory?: string;
  group?: string;
  /** "with N updates". */
  count?: number;
  /** "across N directories". */
  directoryCount?: number;
}

const SINGLE =
  /^(?:bump|update)\s+(\S+?)(?:\s+requirement)?(?:\s+from\s+(.+?)\s+to\s+(.+?))?(?:\s+in\s+(\/\S*))?(?:\s+in\s+the\s+(\S+)\s+group)?$/i;
const PAIR = /^bump\s+(\S+)\s+and\s+(\S+?)(?:\s+in\s+(\/\S*))?$/i;
const GROUP =
  /^bump\s+the\s+(\S+)\s+group(?:\s+in\s+(\/\S*))?(?:\s+across\s+(\d+)\s+director(?:y|ies))?\s+with\s+(\d+)\s+updates?$/i;
const PREFIX = /^(.{1,60}?):\s+(?=(?:\[security\]\s*)?(?:bump|update)\s)/i;
const SECURITY = /^\[security\]\s*/i;
const MAX_TITLE = 1_000;

const unquote = (v: string | undefined) => v?.replace(/^`(.*)`$/, "$1").replace(/^'(.*)'$/, "$1");

export function parseTitle(raw: string): TitleInfo {
  // GitHub caps titles at 256 characters; longer input is not a title (and keeps the regexes linear).
  if (raw.length > MAX_TITLE) return { prefix: "", securityMarker: false, kind: "unknown", names: [] };
  let rest = raw.trim().replace(/\s+\(#\d+\)$/, "");
  let securityMarker = SECURITY.test(rest);
  rest = rest.replace(SECURITY, "");
  const prefixMatch = PREFIX.exec(rest);
  const prefix = prefixMatch?.[1]?.trim() ?? "";
  if (prefixMatch) rest = rest.slice(prefixMatch[0].length);
  // Dependabot Preview put the marker after a configured prefix: "chore(deps): [security] bump …".
  if (SECURITY.test(rest)) securityMarker = true;
  rest = rest.replace(SECURITY, "");
  const base = { prefix, securityMarker };

  const group = GROUP.exec(rest);
  if (group?.[1]) {
    return {
      ...base,
      kind: "group",
      names: [],
      group: group[1],
      ...(group[2] ? { directory: group[2] } : {}),
      ...(group[3] ? { directoryCount: Number(group[3]) } : {}),
      count: Number(group[4]),
    };
  }
  const pair = PAIR.exec(rest);
  if (pair?.[1] && pair[2]) {
    return { ...base, kind: "single", names: [pair[1], pair[2]], ...(pair[3] ? { directory: pair[3] } : {}) };
  }
  const single = SINGLE.exec(rest);
  if (single?.[1]) {
    const from = unquote(single[2]);
    const to = unquote(single[3]);
    return {
      ...base,
      kind: "single",
      names: [single[1]],
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(single[4] ? { directory: single[4] } : {}),
      ...(single[5] ? { group: single[5] } : {}),
    };
  }
  return { ...base, kind: "unknown", names: [] };
}
