// The tests format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";
import { junitParser } from "./junit.js";
import { nunitParser } from "./nunit.js";
import { trxParser } from "./trx.js";
import { xunitParser } from "./xunit.js";

export const testsParsers: FormatParser[] = [trxParser, nunitParser, xunitParser, junitParser];
