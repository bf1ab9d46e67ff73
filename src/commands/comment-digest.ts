// What a comment said when it was posted, as a digest the `command` job carries: the job reads the
// comment back later (a queued job, a retry, a redelivery hours after), and by then the author — or
// anyone with write access, who may edit every comment — can have changed it. Normalised as the grammar
// reads text (NFC, any line ending), so only a change that can change the commands counts.
import { createHash } from "node:crypto";

export function commentDigest(body: string): string {
  return createHash("sha256").update(body.normalize("NFC").replace(/\r\n?/g, "\n")).digest("hex");
}
