// The ArtifactSource port: where a run's artifacts come from. The GitHub implementation downloads them;
// the local one (CLI, tests) reads a directory. Both yield ReportFiles plus the entries skipped and why.
import type { ReportFile } from "../reports/parser.js";
import type { SkippedEntry } from "./unzip.js";

export interface ArtifactRef {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
}

export interface OpenedArtifact {
  name: string;
  files: ReportFile[];
  skipped: SkippedEntry[];
  /** Frees temp files and file handles. */
  close(): Promise<void>;
}

export type ArtifactOpenResult =
  | { ok: true; artifact: OpenedArtifact }
  | { ok: false; name: string; reason: string; expired: boolean };

export interface ArtifactSource {
  list(): Promise<ArtifactRef[]>;
  open(ref: ArtifactRef): Promise<ArtifactOpenResult>;
}
