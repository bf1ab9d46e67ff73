// One Gitleaks finding, from JSON (v8 keys RuleID/File/StartLine/Secret/Match, v7 keys rule/file/lineNumber/
// offender/line) or a CSV row (v8 column names). Every finding is a secret. Gitleaks states no severity, so it
// is "unknown"; the secrets gate counts these. The secret, the match and the whole line are never kept; the
// secret (else the match, else the line) only feeds a hash telling two findings at one place apart (the same
// secret there in several commits is one finding), and any copy of them in kept text is redacted.
// Identity: tool + rule + file (a secret has no other stable text we may keep); Fingerprint/Commit vary per commit.
import { asNumber, asString } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { hashParts } from "./fingerprint.js";
import { withOptional } from "./json-report.js";
import { redact } from "./redact.js";

type Json = Record<string, unknown>;

function str(row: Json, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = asString(row[k]);
    if (v !== undefined && v !== "") return v;
  }
  return undefined;
}

export function gitleaksDraft(row: Json): FindingDraft {
  const secrets = [str(row, "Secret", "offender"), str(row, "Match"), str(row, "Line", "line")];
  const rule = str(row, "RuleID", "rule") ?? "secret";
  const description = str(row, "Description") ?? rule;
  const commit = str(row, "Commit", "commit");
  const text = commit === undefined ? description : `${description} (commit ${commit.slice(0, 12)})`;
  const line = asNumber(row.StartLine) ?? asNumber(row.lineNumber);
  return withOptional(
    {
      rule,
      severity: "unknown",
      category: "secret",
      message: redact(text, secrets),
      identity: [],
      dedupe: [hashParts([secrets.find((s) => s !== undefined) ?? ""])],
    },
    { file: str(row, "File", "file")?.replace(/^\.?\//, ""), line, end_line: asNumber(row.EndLine) },
  );
}
