import type { Json } from "../queue/queue.js";
import type { PostgresPool } from "./postgres.js";
import type { StateStore } from "./store.js";

export class PostgresStateStore implements StateStore {
  constructor(
    private readonly pool: PostgresPool,
    private readonly now: () => number,
  ) {}

  async get(key: string): Promise<Json | undefined> {
    const { rows } = await this.pool.query<{ value: Json }>("SELECT value FROM app_state WHERE key = $1", [
      key,
    ]);
    const row = rows[0];
    return row ? row.value : undefined;
  }

  async set(key: string, value: Json): Promise<void> {
    await this.pool.query(
      `INSERT INTO app_state (key, value, updated_at) VALUES ($1, $2::json, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, JSON.stringify(value), new Date(this.now())],
    );
  }

  async delete(key: string): Promise<{ deleted: boolean }> {
    const result = await this.pool.query("DELETE FROM app_state WHERE key = $1", [key]);
    return { deleted: (result.rowCount ?? 0) > 0 };
  }
}
