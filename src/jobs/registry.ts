import type { Logger } from "pino";
import { PermanentError } from "../queue/errors.js";
import type { Job } from "../queue/queue.js";

/** What a job handler gets besides the job: a logger already carrying job id, kind and attempt. */
export interface JobContext {
  log: Logger;
}

/** Resolve = done; throw = retry (or dead-letter for a `PermanentError`), see queue/errors.ts. */
export type KindHandler = (job: Job, context: JobContext) => Promise<void>;

/**
 * Job kind → handler. Features add kinds here (at startup, in server.ts or their own module),
 * never inside the server or the queue. One handler per kind: registering a kind twice is a bug.
 */
export class JobRegistry {
  readonly #handlers = new Map<string, KindHandler>();

  register(kind: string, handler: KindHandler): this {
    if (this.#handlers.has(kind)) throw new Error(`job kind "${kind}" is already registered`);
    this.#handlers.set(kind, handler);
    return this;
  }

  has(kind: string): boolean {
    return this.#handlers.has(kind);
  }

  kinds(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  /** Runs the job's handler. A kind nobody handles is dead at once: retrying cannot fix it. */
  async dispatch(job: Job, log: Logger): Promise<void> {
    const handler = this.#handlers.get(job.kind);
    if (!handler) throw new PermanentError(`no handler for job kind "${job.kind}"`);
    await handler(job, { log: log.child({ jobId: job.id, kind: job.kind, attempt: job.attempt }) });
  }
}
