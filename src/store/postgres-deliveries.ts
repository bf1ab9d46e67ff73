import type { PostgresPool } from "./postgres.js";
import type { Delivery, DeliveryQuery, DeliveryRecord, DeliveryStatus, DeliveryStore } from "./store.js";

interface DeliveryRow {
  id: string;
  name: string;
  action: string | null;
  /** bigint: pg answers a string. */
  installation_id: string | null;
  repo: string | null;
  received_at: Date;
  updated_at: Date;
  status: DeliveryStatus;
  error: string | null;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    name: row.name,
    action: row.action,
    installationId: row.installation_id === null ? null : Number(row.installation_id),
    repo: row.repo,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    status: row.status,
    error: row.error,
  };
}

export class PostgresDeliveryStore implements DeliveryStore {
  constructor(
    private readonly pool: PostgresPool,
    private readonly now: () => number,
  ) {}

  async record(d: DeliveryRecord): Promise<{ inserted: boolean }> {
    const result = await this.pool.query(
      `INSERT INTO deliveries (id, name, action, installation_id, repo, received_at, updated_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        d.id,
        d.name,
        d.action ?? null,
        d.installationId ?? null,
        d.repo ?? null,
        d.receivedAt,
        new Date(this.now()),
        d.status,
      ],
    );
    return { inserted: (result.rowCount ?? 0) > 0 };
  }

  async mark(id: string, status: DeliveryStatus, error?: string): Promise<{ updated: boolean }> {
    const result = await this.pool.query(
      "UPDATE deliveries SET status = $1, error = $2, updated_at = $3 WHERE id = $4",
      [status, error ?? null, new Date(this.now()), id],
    );
    return { updated: (result.rowCount ?? 0) > 0 };
  }

  async get(id: string): Promise<Delivery | undefined> {
    const { rows } = await this.pool.query<DeliveryRow>("SELECT * FROM deliveries WHERE id = $1", [id]);
    const row = rows[0];
    return row ? toDelivery(row) : undefined;
  }

  async list(query: DeliveryQuery = {}): Promise<Delivery[]> {
    const where: string[] = [];
    const params: (string | number | Date)[] = [];
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    if (query.since) {
      params.push(query.since);
      where.push(`received_at >= $${params.length}`);
    }
    params.push(Math.max(1, Math.trunc(query.limit ?? 100)));
    const sql = `SELECT * FROM deliveries ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
                 ORDER BY received_at DESC, id LIMIT $${params.length}`;
    const { rows } = await this.pool.query<DeliveryRow>(sql, params);
    return rows.map(toDelivery);
  }
}
