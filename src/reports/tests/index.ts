// The tests format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";
import { junitParser } from "./junit.js";
import { trxParser } from "./trx.js";

export const testsParsers: FormatParser[] = [trxParser, junitParser];
