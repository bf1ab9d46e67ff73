// The licenses format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";
import { licenseCheckerParser } from "./license-checker.js";
import { pipLicensesParser } from "./pip-licenses.js";

export const licensesParsers: FormatParser[] = [licenseCheckerParser, pipLicensesParser];
