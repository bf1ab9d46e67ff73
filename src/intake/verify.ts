import { verify } from "@octokit/webhooks-methods";

/** Why a delivery was refused before anything was stored; also the `reason` label of the rejected counter. */
export type RejectReason =
  | "method_not_allowed"
  | "unsupported_media_type"
  | "payload_too_large"
  | "signature_missing"
  | "signature_malformed"
  | "signature_mismatch"
  | "headers_missing"
  | "body_empty"
  | "body_not_json";

export type SignatureCheck = { ok: true } | { ok: false; reason: RejectReason };

const SIGNATURE_FORMAT = /^sha256=[0-9a-f]{64}$/;

/**
 * Checks `X-Hub-Signature-256` against the raw request body, in constant time
 * (@octokit/webhooks-methods). Verification is kept apart from dispatch so the
 * event can be handled later, from the queue.
 */
export async function verifySignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
): Promise<SignatureCheck> {
  if (header === undefined || header === "") return { ok: false, reason: "signature_missing" };
  if (!SIGNATURE_FORMAT.test(header)) return { ok: false, reason: "signature_malformed" };
  if (rawBody.length === 0) return { ok: false, reason: "body_empty" };
  const matches = await verify(secret, rawBody.toString("utf8"), header);
  return matches ? { ok: true } : { ok: false, reason: "signature_mismatch" };
}
