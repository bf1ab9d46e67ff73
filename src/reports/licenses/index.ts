// The licenses format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";

export const licensesParsers: FormatParser[] = [];
