// Writes schema/tollgate.schema.json from the zod schema (editors use it for completion and help).
// Run: npx tsx scripts/export-schema.ts — test/config/json-schema.test.ts fails when it is stale.
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { tollgateConfigSchema } from "../src/config/schema.js";

export const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../schema/tollgate.schema.json");

export function exportSchema(): string {
  const schema = z.toJSONSchema(tollgateConfigSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, exportSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
