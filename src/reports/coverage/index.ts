// The coverage format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";
import { cloverParser } from "./clover.js";
import { coberturaParser } from "./cobertura.js";
import { coveragePyParser } from "./coverage-py.js";
import { goCoverprofileParser } from "./go-coverprofile.js";
import { istanbulParser, istanbulSummaryParser } from "./istanbul.js";
import { jacocoParser } from "./jacoco.js";
import { lcovParser } from "./lcov.js";
import { simplecovParser } from "./simplecov.js";

export const coverageParsers: FormatParser[] = [
  // XML: Clover before Cobertura (both use a <coverage> root; Clover is told apart by its attributes).
  cloverParser,
  coberturaParser,
  jacocoParser,
  // JSON, by top-level keys.
  coveragePyParser,
  istanbulParser,
  istanbulSummaryParser,
  simplecovParser,
  // Line-oriented text.
  lcovParser,
  goCoverprofileParser,
];
