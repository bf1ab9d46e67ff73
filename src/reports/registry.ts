// Every format module, in the order detection tries them.
import { complexityParsers } from "./complexity/index.js";
import { coverageParsers } from "./coverage/index.js";
import { licensesParsers } from "./licenses/index.js";
import type { FormatParser } from "./parser.js";
import { performanceParsers } from "./performance/index.js";
import { securityParsers } from "./security/index.js";
import { testsParsers } from "./tests/index.js";

export const ALL_PARSERS: readonly FormatParser[] = [
  ...testsParsers,
  ...coverageParsers,
  ...securityParsers,
  ...performanceParsers,
  ...licensesParsers,
  ...complexityParsers,
];
