import type { SqliteDatabase } from "./sqlite.js";
import type { Delivery, DeliveryQuery, DeliveryRecord, DeliveryStatus, DeliveryStore } from "./store.js";

interface DeliveryRow {
  id: string;
  name: string;
  action: string | null;
  installation_id: number | null;
  repo: string | null;
  received_at: number;
  updated_at: number;
  status: DeliveryStatus;
  error: string | null;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    name: row.name,
    action: row.action,
    installationId: row.installation_id,
    repo: row.repo,
    receivedAt: new Date(row.received_at),
    updatedAt: new Date(row.updated_at),
    status: row.status,
    error: row.error,
  };
}

export class SqliteDeliveryStore implements DeliveryStore {
  private readonly insert;
  private readonly update;
  private readonly select;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(
      `INSERT INTO deliveries (id, name, action, installation_id, repo, received_at, updated_at, status)
       VALUES (@id, @name, @action, @installationId, @repo, @receivedAt, @updatedAt, @status)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.update = db.prepare("UPDATE deliveries SET status = ?, error = ?, updated_at = ? WHERE id = ?");
    this.select = db.prepare("SELECT * FROM deliveries WHERE id = ?");
  }

  async record(d: DeliveryRecord): Promise<{ inserted: boolean }> {
    const info = this.insert.run({
      id: d.id,
      name: d.name,
      action: d.action ?? null,
      installationId: d.installationId ?? null,
      repo: d.repo ?? null,
      receivedAt: d.receivedAt.getTime(),
      updatedAt: this.now(),
      status: d.status,
    });
    return { inserted: info.changes > 0 };
  }

  async mark(id: string, status: DeliveryStatus, error?: string): Promise<{ updated: boolean }> {
    const info = this.update.run(status, error ?? null, this.now(), id);
    return { updated: info.changes > 0 };
  }

  async get(id: string): Promise<Delivery | undefined> {
    const row = this.select.get(id) as DeliveryRow | undefined;
    return row ? toDelivery(row) : undefined;
  }

  async list(query: DeliveryQuery = {}): Promise<Delivery[]> {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: Math.max(1, Math.trunc(query.limit ?? 100)) };
    if (query.status) {
      where.push("status = @status");
      params.status = query.status;
    }
    if (query.since) {
      where.push("received_at >= @since");
      params.since = query.since.getTime();
    }
    const sql = `SELECT * FROM deliveries ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
                 ORDER BY received_at DESC, id LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as DeliveryRow[]).map(toDelivery);
  }
}
