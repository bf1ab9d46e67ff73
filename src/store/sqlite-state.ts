import type { Json } from "../queue/queue.js";
import type { SqliteDatabase } from "./sqlite.js";
import type { StateStore } from "./store.js";

export class SqliteStateStore implements StateStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.select = db.prepare("SELECT value FROM app_state WHERE key = ?");
    this.upsert = db.prepare(
      `INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare("DELETE FROM app_state WHERE key = ?");
  }

  async get(key: string): Promise<Json | undefined> {
    const row = this.select.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Json) : undefined;
  }

  async set(key: string, value: Json): Promise<void> {
    this.upsert.run(key, JSON.stringify(value), this.now());
  }

  async delete(key: string): Promise<{ deleted: boolean }> {
    return { deleted: this.remove.run(key).changes > 0 };
  }
}
