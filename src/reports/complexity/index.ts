// The complexity format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";
import { radonParser } from "./radon.js";

export const complexityParsers: FormatParser[] = [radonParser];
