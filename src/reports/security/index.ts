// The security format modules, in detection order (most specific first).
//
// Shapes that could be confused are ordered so the stricter sniff is asked first: SARIF (runs + version/
// $schema) before everything; Bandit (results + issue_severity or generated_at/metrics) before Semgrep (results
// + check_id, or an empty results/errors pair); npm audit (auditReportVersion/advisories) and Safety (report_meta)
// before the GitLab report (vulnerabilities + scan/identifiers); Gitleaks/Safety/pip-audit arrays by their keys.
import type { FormatParser } from "../parser.js";
import { banditParser } from "./bandit.js";
import { gitlabSecurityParser } from "./gitlab-security.js";
import { gitleaksParser } from "./gitleaks.js";
import { gitleaksCsvParser } from "./gitleaks-csv.js";
import { npmAuditParser } from "./npm-audit.js";
import { pipAuditParser } from "./pip-audit.js";
import { safetyParser } from "./safety.js";
import { sarifParser } from "./sarif.js";
import { semgrepParser } from "./semgrep.js";
import { trivyParser } from "./trivy.js";

export const securityParsers: FormatParser[] = [
  sarifParser,
  trivyParser,
  banditParser,
  semgrepParser,
  npmAuditParser,
  safetyParser,
  pipAuditParser,
  gitlabSecurityParser,
  gitleaksParser,
  gitleaksCsvParser,
];
