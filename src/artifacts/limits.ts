// Bounds on what an artifact may make us download, unpack and read (DESIGN.md "Bounds").
// Adjustable by environment only — never by repository config.

export interface ArtifactLimits {
  /** Bytes downloaded for one artifact. */
  maxDownloadBytes: number;
  /** Uncompressed bytes read from one artifact, all entries together. */
  maxUncompressedBytes: number;
  /** Entries in one zip. */
  maxEntries: number;
  /** Uncompressed / compressed size of one entry. */
  maxCompressionRatio: number;
  /** One report file. */
  maxFileBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_ARTIFACT_LIMITS: ArtifactLimits = {
  maxDownloadBytes: 500 * MB,
  maxUncompressedBytes: 1024 * MB,
  maxEntries: 10_000,
  maxCompressionRatio: 100,
  maxFileBytes: 200 * MB,
};

/** Entries smaller than this are never refused for their ratio: a tiny file cannot be a bomb. */
export const RATIO_EXEMPT_BYTES = 1 * MB;
