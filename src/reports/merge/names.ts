// How a merged report names what it came from (model.ts, MergedReports): formats joined with "+", sources with ", ".

interface Named {
  format: string;
  source: string;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * `format` and `source` of a merged report, each distinct value once, in first-seen order. An already merged
 * report's lists are split first, so merging merged reports again names every format and file once.
 */
export function mergedNames(reports: readonly Named[]): Named {
  return {
    format: distinct(reports.flatMap((r) => r.format.split("+"))).join("+"),
    source: distinct(reports.flatMap((r) => r.source.split(", "))).join(", "),
  };
}
