// How a merged report names what it came from (model.ts, MergedReports): formats joined with "+", sources with ", ".

interface Named {
  format: string;
  source: string;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/** `format` and `source` of a merged report, each distinct value once, in first-seen order. */
export function mergedNames(reports: readonly Named[]): Named {
  return {
    format: distinct(reports.map((r) => r.format)).join("+"),
    source: distinct(reports.map((r) => r.source)).join(", "),
  };
}
