// `npm run dev`: the app with live reload; with WEBHOOK_PROXY_URL set (a https://smee.io channel that is
// the GitHub App's webhook URL), deliveries from the real GitHub are forwarded to the local webhook route.
import { existsSync } from "node:fs";
import SmeeClient from "smee-client";
import { main } from "../src/server.js";

if (existsSync(".env")) process.loadEnvFile(".env");
const proxy = process.env.WEBHOOK_PROXY_URL;
if (proxy) {
  const port = process.env.PORT ?? "3000";
  const path = process.env.WEBHOOK_PATH ?? "/api/github/webhooks";
  const target = `http://127.0.0.1:${port}${path}`;
  const smee = new SmeeClient({ source: proxy, target, logger: console });
  await smee.start();
  console.info(`forwarding ${proxy} → ${target}`);
}
await main();
