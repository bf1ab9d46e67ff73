// Artifacts of one workflow run, from GitHub. The download endpoint answers a 302 to a short-lived
// blob URL: we follow it ourselves, at once, WITHOUT the installation token (the blob host must never
// see it), stream the body to a temp file under the download bound, and read it as a zip — or as one
// file when the upload was not zipped.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { formatBytes } from "../reports/read.js";
import type { ArtifactLimits } from "./limits.js";
import type { ArtifactOpenResult, ArtifactRef, ArtifactSource } from "./source.js";
import { looksLikeZip, openArtifactZip } from "./unzip.js";

/** The slice of Octokit this adapter uses, so tests can pass a real Octokit pointed at a fake server. */
export interface ArtifactsOctokit {
  request(
    route: string,
    params: Record<string, unknown>,
  ): Promise<{ status: number; headers: Record<string, string | number | undefined>; data: unknown }>;
}

export interface RunLocator {
  owner: string;
  repo: string;
  runId: number;
}

interface ListedArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
}

class DownloadTooLarge extends Error {}

export class GitHubArtifactSource implements ArtifactSource {
  constructor(
    private readonly octokit: ArtifactsOctokit,
    private readonly run: RunLocator,
    private readonly limits: ArtifactLimits,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async list(): Promise<ArtifactRef[]> {
    const refs: ArtifactRef[] = [];
    // One page of 100 covers nearly every run; follow pages only when GitHub says there are more.
    for (let page = 1; page <= 10; page++) {
      const res = await this.octokit.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", {
        owner: this.run.owner,
        repo: this.run.repo,
        run_id: this.run.runId,
        per_page: 100,
        page,
      });
      const data = res.data as { total_count: number; artifacts: ListedArtifact[] };
      for (const a of data.artifacts) {
        refs.push({ id: a.id, name: a.name, sizeInBytes: a.size_in_bytes, expired: a.expired });
      }
      if (refs.length >= data.total_count || data.artifacts.length === 0) break;
    }
    return refs;
  }

  async open(ref: ArtifactRef): Promise<ArtifactOpenResult> {
    const fail = (reason: string, expired = false): ArtifactOpenResult => ({
      ok: false,
      name: ref.name,
      reason,
      expired,
    });
    if (ref.expired)
      return fail("the artifact has expired (GitHub keeps artifacts for a limited time)", true);
    if (ref.sizeInBytes > this.limits.maxDownloadBytes) {
      return fail(
        `artifact is ${formatBytes(ref.sizeInBytes)}, over the ${formatBytes(this.limits.maxDownloadBytes)} download limit`,
      );
    }
    let location: string | undefined;
    try {
      const res = await this.octokit.request(
        "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
        {
          owner: this.run.owner,
          repo: this.run.repo,
          artifact_id: ref.id,
          archive_format: "zip",
          request: { redirect: "manual" },
        },
      );
      const loc = res.headers.location;
      location = typeof loc === "string" ? loc : undefined;
      if (!location) return fail(`GitHub answered ${res.status} without a download location`);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 410) return fail("the artifact has expired (GitHub answered 410 Gone)", true);
      if (status === 404) return fail("the artifact no longer exists (GitHub answered 404)");
      throw err; // transient: the queue retries the job
    }

    const dir = await mkdtemp(join(tmpdir(), "tollgate-artifact-"));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    const file = join(dir, "download");
    try {
      // Plain fetch, no Authorization header: the URL is pre-signed and the token stays with GitHub.
      const res = await this.fetchImpl(location, { redirect: "follow" });
      if (!res.ok || !res.body) {
        await cleanup();
        if (res.status >= 500) throw new Error(`artifact download failed with ${res.status}`);
        return fail(`artifact download failed with HTTP ${res.status}`);
      }
      const declared = Number(res.headers.get("content-length") ?? "0");
      if (declared > this.limits.maxDownloadBytes) {
        await res.body.cancel();
        await cleanup();
        return fail(
          `artifact is ${formatBytes(declared)}, over the ${formatBytes(this.limits.maxDownloadBytes)} download limit`,
        );
      }
      await pipeline(
        Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>),
        capBytes(this.limits.maxDownloadBytes),
        createWriteStream(file),
      );
    } catch (err) {
      await cleanup();
      if (err instanceof DownloadTooLarge) {
        return fail(`artifact download exceeded the ${formatBytes(this.limits.maxDownloadBytes)} limit`);
      }
      throw err;
    }
    return openDownloaded(file, ref.name, this.limits, cleanup);
  }
}

function capBytes(max: number) {
  let seen = 0;
  return async function* (source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      seen += chunk.byteLength;
      if (seen > max) throw new DownloadTooLarge();
      yield chunk;
    }
  };
}

/** Reads a downloaded artifact: a zip, or a single unzipped file named after the artifact. */
export async function openDownloaded(
  file: string,
  name: string,
  limits: ArtifactLimits,
  cleanup: () => Promise<void>,
): Promise<ArtifactOpenResult> {
  const head = new Uint8Array(4);
  const fh = await open(file, "r");
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (!looksLikeZip(head)) {
    const { size } = await stat(file);
    return {
      ok: true,
      artifact: {
        name,
        files: [{ path: name, size, open: () => createReadStream(file, { highWaterMark: 256 * 1024 }) }],
        skipped: [],
        close: cleanup,
      },
    };
  }
  const opened = await openArtifactZip(file, `${name}/`, limits);
  if (!opened.ok) {
    await cleanup();
    return { ok: false, name, reason: opened.reason, expired: false };
  }
  const zip = opened.zip;
  return {
    ok: true,
    artifact: {
      name,
      files: zip.files,
      skipped: zip.skipped,
      close: async () => {
        zip.close();
        await cleanup();
      },
    },
  };
}
