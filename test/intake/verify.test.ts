import { describe, expect, it } from "vitest";
import { verifySignature } from "../../src/intake/verify.js";
import { signBody } from "../support/webhooks.js";

const body = Buffer.from('{"action":"completed"}');
const good = signBody("secret", body);

describe("verifySignature", () => {
  it.each([
    ["valid", "secret", body, good, { ok: true }],
    ["wrong secret", "other", body, good, { ok: false, reason: "signature_mismatch" }],
    [
      "tampered body",
      "secret",
      Buffer.from('{"action":"created"}'),
      good,
      { ok: false, reason: "signature_mismatch" },
    ],
    ["missing header", "secret", body, undefined, { ok: false, reason: "signature_missing" }],
    ["empty header", "secret", body, "", { ok: false, reason: "signature_missing" }],
    ["sha1 header", "secret", body, "sha1=0123", { ok: false, reason: "signature_malformed" }],
    ["uppercase hex", "secret", body, good.toUpperCase(), { ok: false, reason: "signature_malformed" }],
    ["empty body", "secret", Buffer.alloc(0), good, { ok: false, reason: "body_empty" }],
  ])("%s", async (_name, secret, payload, header, expected) => {
    expect(await verifySignature(secret, payload, header)).toEqual(expected);
  });
});
