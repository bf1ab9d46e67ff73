/**
 * Worker registry of the embedded queue: who holds leases, so that a restart can recover the jobs a
 * killed process left `running` without waiting for their lease to expire.
 *
 * A previous worker is known dead when it ran on this host and either its pid is gone, or its pid
 * is our own pid and it registered before this process started (a restarted container reuses
 * pid 1) — then its jobs are made claimable at once.
 * Anything else (other hosts, pids that still exist) waits for the lease: safe, just slower.
 */
import type { SqliteDatabase } from "../store/sqlite.js";

interface WorkerRow {
  id: string;
  hostname: string;
  pid: number;
  started_at: number;
  heartbeat_at: number;
}

export interface Self {
  id: string;
  hostname: string;
  pid: number;
  /** When this process started (epoch ms). */
  startedAt: number;
}

export class SqliteWorkers {
  private readonly s;

  constructor(db: SqliteDatabase) {
    this.s = {
      others: db.prepare(
        "SELECT id, hostname, pid, started_at, heartbeat_at FROM queue_workers WHERE id != ?",
      ),
      upsert: db.prepare(
        `INSERT INTO queue_workers (id, hostname, pid, started_at, heartbeat_at) VALUES (@id, @hostname, @pid, @now, @now)
         ON CONFLICT (id) DO UPDATE SET hostname = excluded.hostname, pid = excluded.pid,
         started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
      ),
      beat: db.prepare("UPDATE queue_workers SET heartbeat_at = ? WHERE id = ?"),
      remove: db.prepare("DELETE FROM queue_workers WHERE id = ?"),
    };
  }

  /** Previous workers known to be dead (see above); their rows are removed. */
  deadPredecessors(
    self: Self,
    isAlive: (pid: number) => boolean,
    now: number,
    forgetAfterMs: number,
  ): string[] {
    const dead: string[] = [];
    for (const w of this.s.others.all(self.id) as WorkerRow[]) {
      const sameHost = w.hostname === self.hostname;
      const earlierLife = w.pid === self.pid && w.started_at < self.startedAt;
      if (sameHost && (earlierLife || (w.pid !== self.pid && !isAlive(w.pid)))) dead.push(w.id);
      if (dead.includes(w.id) || now - w.heartbeat_at > forgetAfterMs) this.s.remove.run(w.id);
    }
    return dead;
  }

  register(self: Self, now: number): void {
    this.s.upsert.run({ id: self.id, hostname: self.hostname, pid: self.pid, now });
  }

  beat(id: string, now: number): void {
    this.s.beat.run(now, id);
  }

  unregister(id: string): void {
    this.s.remove.run(id);
  }
}
