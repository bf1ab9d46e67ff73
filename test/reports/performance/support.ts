// Shared by the report-format tests of this folder: parse a file from disk, read its head as detection does.
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { diskFile } from "../../../src/reports/file.js";
import type { Report } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS, type FormatParser, HEAD_CHARS } from "../../../src/reports/parser.js";
import { stripBom } from "../../../src/reports/read.js";

const ROOT = resolve(import.meta.dirname, "../../..");

export const abs = (path: string) => (isAbsolute(path) ? path : resolve(ROOT, path));

export async function parseDisk(parser: FormatParser, path: string): Promise<Report[]> {
  return parser.parse(await diskFile(abs(path), path), { limits: DEFAULT_PARSE_LIMITS });
}

export async function readHead(path: string): Promise<string> {
  return stripBom(await readFile(abs(path), "utf8")).slice(0, HEAD_CHARS);
}
