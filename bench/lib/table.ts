// Plain-text table with aligned columns (numbers right-aligned).
import type { BenchTable } from "./types.js";

export function renderTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[], raw?: (string | number)[]) =>
    row
      .map((cell, i) =>
        typeof raw?.[i] === "number" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const out = [table.title, line(table.columns), widths.map((w) => "-".repeat(w)).join("  ")];
  table.rows.forEach((row, i) => {
    out.push(line(cells[i + 1] ?? [], row));
  });
  for (const note of table.notes ?? []) out.push(`  ${note}`);
  return out.join("\n");
}
