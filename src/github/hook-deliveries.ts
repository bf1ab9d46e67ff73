// The app's webhook deliveries (JWT-authenticated: Probot's `app.auth()` without an installation id).
import { z } from "zod";
import type { Octokit } from "./octokit.js";

export const hookDeliverySchema = z.object({
  id: z.number(),
  guid: z.string(),
  delivered_at: z.string(),
  redelivery: z.boolean().optional(),
  status_code: z.number(),
  event: z.string().optional(),
  action: z.string().nullable().optional(),
});
export type HookDelivery = z.infer<typeof hookDeliverySchema>;

export interface HookDeliveriesApi {
  /** One page, newest first; `next` is the cursor of the following page. */
  listPage(cursor: string | undefined): Promise<{ items: HookDelivery[]; next: string | undefined }>;
  /** Asks GitHub to deliver attempt `id` again. */
  redeliver(id: number): Promise<void>;
}

/** The `cursor` of a Link header's rel="next" URL. */
export function nextCursor(link: string | undefined): string | undefined {
  const next = link?.split(",").find((part) => /rel="next"/.test(part));
  const url = next ? /<([^>]+)>/.exec(next)?.[1] : undefined;
  return url ? (new URL(url).searchParams.get("cursor") ?? undefined) : undefined;
}

export function hookDeliveriesApi(appOctokit: Octokit): HookDeliveriesApi {
  return {
    async listPage(cursor) {
      const res = await appOctokit.request("GET /app/hook/deliveries", {
        per_page: 100,
        ...(cursor ? { cursor } : {}),
      });
      return { items: z.array(hookDeliverySchema).parse(res.data), next: nextCursor(res.headers.link) };
    },
    async redeliver(id) {
      await appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: id });
    },
  };
}
