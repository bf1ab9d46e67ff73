// One reply per comment, only when a command has something to say (a refusal, a failure, /help).
import { codeSpan, inline, truncateBytes } from "../render/markdown.js";

export interface Outcome {
  line: number;
  text: string;
  /** skipped: an earlier attempt of the job already handled this line. */
  result: "done" | "waiting" | "failed" | "refused" | "skipped";
  /** What to tell the commenter. */
  reply?: string;
  /** True when `reply` is Markdown already escaped by the handler; false: plain text to escape. */
  escaped?: boolean;
}

/** GitHub's comment body limit is 65,536 characters; replies stay far below it. */
export const REPLY_MAX_BYTES = 16_000;

const LABEL: Record<Outcome["result"], string> = {
  done: "",
  waiting: "",
  failed: "failed: ",
  refused: "refused: ",
  skipped: "",
};

export function composeReply(outcomes: readonly Outcome[]): string | undefined {
  const parts = outcomes.flatMap((o) => {
    if (!o.reply) return [];
    const body = o.escaped ? o.reply : inline(o.reply, 1_000);
    const head = `${codeSpan(o.text, 120)} — ${LABEL[o.result]}`;
    return [body.includes("\n") ? `${head}\n\n${body}` : `${head}${body}`];
  });
  if (parts.length === 0) return undefined;
  return truncateBytes(parts.join("\n\n"), REPLY_MAX_BYTES);
}
