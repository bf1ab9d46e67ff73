// The tests format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";

export const testsParsers: FormatParser[] = [];
