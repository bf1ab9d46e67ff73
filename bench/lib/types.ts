// What a bench module exports (see bench/README.md): `export const bench: Bench`.

export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

export interface BenchResult {
  tables: BenchTable[];
  /** Written as JSON to bench/out/<name>.json. */
  data: unknown;
}

export interface Bench {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<BenchResult>;
}
