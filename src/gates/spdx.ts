// Judging an SPDX licence expression against a deny list.
//   - `A OR B`: the user may pick either, so it is allowed when any alternative is allowed.
//   - `A AND B`: both apply, so it is denied when any part is denied.
//   - `A WITH exception`: denied when `A` (or the whole `A WITH exception`) is denied.
//   - `GPL-3.0+` means GPL-3.0-or-later; deprecated bare `GPL-3.0` means GPL-3.0-only (same for LGPL,
//     AGPL, GPL-2.0). Identifiers compare case-insensitively.
//   - UNKNOWN, NOASSERTION, NONE or an empty string cannot be judged: "unknown", not denied.
//   - Text that is not an SPDX expression ("MIT/X11", "see LICENSE") is compared as a whole.

export type LicenseJudgement =
  | { status: "allowed" }
  | { status: "unknown" }
  | { status: "denied"; denied: string[] };

type Node = { type: "id"; id: string; exception?: string } | { type: "and" | "or"; left: Node; right: Node };

const UNJUDGEABLE = new Set(["", "unknown", "noassertion", "none"]);

export function normaliseLicenseId(id: string): string {
  const lower = id.trim().toLowerCase();
  if (lower.endsWith("+")) return `${lower.slice(0, -1)}-or-later`;
  if (/^(a|l)?gpl-\d\.\d$/.test(lower)) return `${lower}-only`;
  return lower;
}

function tokenize(text: string): string[] | undefined {
  const tokens = text.match(/\(|\)|[A-Za-z0-9.+:-]+|\S/g) ?? [];
  return tokens.every((token) => /^(\(|\)|[A-Za-z0-9.+:-]+)$/.test(token)) ? tokens : undefined;
}

function parse(tokens: string[]): Node | undefined {
  let position = 0;
  const peek = () => tokens[position]?.toUpperCase();
  const binary = (type: "and" | "or", next: () => Node | undefined): Node | undefined => {
    let left = next();
    while (left !== undefined && peek() === type.toUpperCase()) {
      position++;
      const right = next();
      if (right === undefined) return undefined;
      left = { type, left, right };
    }
    return left;
  };
  const atom = (): Node | undefined => {
    const token = tokens[position];
    if (token === undefined) return undefined;
    if (token === "(") {
      position++;
      const inner = or();
      if (tokens[position] !== ")") return undefined;
      position++;
      return inner;
    }
    if (token === ")" || ["AND", "OR", "WITH"].includes(token.toUpperCase())) return undefined;
    position++;
    if (peek() === "WITH") {
      position++;
      const exception = tokens[position];
      if (exception === undefined || exception === "(" || exception === ")") return undefined;
      position++;
      return { type: "id", id: token, exception };
    }
    return { type: "id", id: token };
  };
  const and = () => binary("and", atom);
  const or = (): Node | undefined => binary("or", and);
  const tree = or();
  return position === tokens.length ? tree : undefined;
}

function judgeId(id: string, exception: string | undefined, deny: ReadonlySet<string>): LicenseJudgement {
  const normal = normaliseLicenseId(id);
  if (UNJUDGEABLE.has(normal)) return { status: "unknown" };
  const full = exception === undefined ? undefined : `${normal} with ${exception.toLowerCase()}`;
  if (deny.has(normal) || (full !== undefined && deny.has(full))) {
    return { status: "denied", denied: [exception === undefined ? id : `${id} WITH ${exception}`] };
  }
  return { status: "allowed" };
}

function judgeNode(node: Node, deny: ReadonlySet<string>): LicenseJudgement {
  if (node.type === "id") return judgeId(node.id, node.exception, deny);
  const left = judgeNode(node.left, deny);
  const right = judgeNode(node.right, deny);
  const parts = [left, right];
  const denied = parts.flatMap((part) => (part.status === "denied" ? part.denied : []));
  if (node.type === "or") {
    if (parts.some((part) => part.status === "allowed")) return { status: "allowed" };
    if (parts.some((part) => part.status === "unknown")) return { status: "unknown" };
    return { status: "denied", denied };
  }
  if (denied.length > 0) return { status: "denied", denied };
  if (parts.some((part) => part.status === "unknown")) return { status: "unknown" };
  return { status: "allowed" };
}

export function judgeLicense(expression: string, denyList: readonly string[]): LicenseJudgement {
  const deny = new Set(denyList.map(normaliseLicenseId));
  const text = expression.trim();
  const tokens = tokenize(text);
  const tree = tokens === undefined ? undefined : parse(tokens);
  if (tree === undefined) return judgeId(text, undefined, deny);
  return judgeNode(tree, deny);
}
