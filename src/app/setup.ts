import { run, type Server } from "probot";

/**
 * First start without APP_ID / PRIVATE_KEY / WEBHOOK_SECRET: Probot's own setup flow
 * (GitHub App manifest registration) serves http://HOST:PORT/probot and writes the
 * credentials to .env. Restart afterwards. Probot reads PORT, HOST, GHE_HOST and
 * WEBHOOK_PROXY_URL itself. No webhooks are received in this mode.
 */
export async function startSetup(): Promise<Server> {
  return run(() => undefined);
}
