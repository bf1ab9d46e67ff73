import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportSchema, SCHEMA_FILE } from "../../scripts/export-schema.js";

describe("schema/tollgate.schema.json", () => {
  it("equals a fresh export (run `npx tsx scripts/export-schema.ts` after changing the schema)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(exportSchema());
  });

  it("documents every key and refuses unknown ones", () => {
    const schema = JSON.parse(exportSchema()) as { title?: string; additionalProperties?: boolean };
    expect(schema.title).toContain("tollgate.yml");
    expect(schema.additionalProperties).toBe(false);
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== "object" || node === null) return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (typeof (child as { description?: unknown }).description !== "string")
          undocumented.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
      }
    };
    walk(schema, "");
    expect(undocumented).toEqual([]);
  });
});
