// .NET TRX (Visual Studio test results: `dotnet test --logger trx`, vstest, MSTest; xUnit and NUnit adapters).
//
// One test per top-level <UnitTestResult> under <Results> (data-driven rows nested in <InnerResults> are part
// of their parent's outcome and are not counted again). Outcome mapping:
//   Passed, PassedButRunAborted, Warning, Completed            → passed
//   Failed, Timeout                                            → failed
//   Error                                                      → error
//   NotExecuted, NotRunnable, Inconclusive, Aborted, Pending,
//   InProgress, Disconnected, anything else                    → skipped (did not produce a verdict)
// message = first line of Output/ErrorInfo/Message; details = the message and the StackTrace.
// classname comes from TestDefinitions/UnitTest[@id = testId]/TestMethod/@className (resolved at the end,
// since TestDefinitions usually follows Results). TRX has no source file per result: `file` stays empty.
import type { Report, TestCase, TestStatus } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { localName, scanXml, sniffRoot, XmlAbort, type XmlHandlers } from "../xml.js";
import {
  BoundedText,
  clipCounted,
  countCase,
  detach,
  emptyTotals,
  firstLine,
  Interner,
  leanCase,
  plausibleMs,
  roundMs,
} from "./common.js";

const OUTCOMES = new Map<string, TestStatus>([
  ["passed", "passed"],
  ["passedbutrunaborted", "passed"],
  ["warning", "passed"],
  ["completed", "passed"],
  ["failed", "failed"],
  ["timeout", "failed"],
  ["error", "error"],
]);

function outcomeStatus(outcome: string | undefined): TestStatus {
  return OUTCOMES.get((outcome ?? "").toLowerCase()) ?? "skipped";
}

/** `hh:mm:ss.fffffff` (optionally `d.hh:mm:ss`) → milliseconds. */
export function timeSpanMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value.trim());
  if (!m) return undefined;
  const [, days, h, min, s] = m;
  const seconds = Number(days ?? 0) * 86400 + Number(h) * 3600 + Number(min) * 60 + Number(s);
  return plausibleMs(Math.round(seconds * 1_000_000) / 1000);
}

interface PendingResult {
  testId?: string;
  c: TestCase;
  message?: BoundedText;
  stack?: BoundedText;
}

class TrxCollector implements XmlHandlers {
  readonly results: PendingResult[] = [];
  readonly classOf = new Map<string, string>();
  private resultsDepth = -1;
  private current: PendingResult | undefined;
  private currentDepth = -1;
  private capture: BoundedText | undefined;
  private captureDepth = -1;
  private definition: string | undefined;
  private start: number | undefined;
  private finish: number | undefined;
  private readonly strings = new Interner();

  constructor(private readonly maxText: number) {}

  open(rawName: string, attrs: Record<string, string>, depth: number): void {
    const name = localName(rawName);
    if (depth === 1) {
      if (name !== "TestRun")
        throw new XmlAbort(`not a TRX report: the root element is <${rawName}>, not <TestRun>`);
      return;
    }
    if (name === "Times" && depth === 2) {
      this.start = parseDate(attrs.start);
      this.finish = parseDate(attrs.finish);
    } else if (name === "Results" && depth === 2) {
      this.resultsDepth = depth;
    } else if (name === "UnitTestResult" && depth === this.resultsDepth + 1 && this.current === undefined) {
      this.current = {
        testId: attrs.testId,
        c: {
          name: attrs.testName ?? "(no name)",
          status: outcomeStatus(attrs.outcome),
          duration_ms: timeSpanMs(attrs.duration),
        },
      };
      this.currentDepth = depth;
    } else if (
      this.current !== undefined &&
      this.capture === undefined &&
      (name === "Message" || name === "StackTrace")
    ) {
      // Only Output/ErrorInfo/Message and .../StackTrace, not nested inner results' ones.
      if (depth !== this.currentDepth + 3) return;
      const text = new BoundedText(this.maxText);
      if (name === "Message") this.current.message ??= text;
      else this.current.stack ??= text;
      this.capture = text;
      this.captureDepth = depth;
    } else if (name === "UnitTest" && depth === 3 && attrs.id !== undefined) {
      this.definition = attrs.id;
    } else if (
      name === "TestMethod" &&
      depth === 4 &&
      this.definition !== undefined &&
      attrs.className !== undefined
    ) {
      const cls = this.strings.get(attrs.className);
      if (cls !== undefined) this.classOf.set(detach(this.definition), cls);
    }
  }

  text(text: string): void {
    this.capture?.add(text);
  }

  close(rawName: string, depth: number): void {
    if (this.capture !== undefined && depth === this.captureDepth) {
      this.capture = undefined;
      return;
    }
    if (this.current !== undefined && depth === this.currentDepth) {
      this.results.push(this.current);
      this.current = undefined;
      return;
    }
    if (depth === this.resultsDepth && localName(rawName) === "Results") this.resultsDepth = -1;
    if (depth === 3) this.definition = undefined;
  }

  report(file: ReportFile): Report {
    const totals = emptyTotals();
    const cases: TestCase[] = [];
    let sum = 0;
    for (const r of this.results) {
      const c = r.c;
      const message = r.message?.value();
      const stack = r.stack?.value();
      if (c.status !== "passed") {
        c.message = firstLine(message ?? stack, this.maxText);
        const details = [message, stack].filter((t) => t !== undefined).join("\n\n");
        if (details !== "") c.details = clipCounted(details, this.maxText);
      }
      if (r.testId !== undefined) c.classname = this.classOf.get(r.testId);
      cases.push(leanCase(c));
      countCase(totals, c.status);
      sum += c.duration_ms ?? 0;
    }
    const span = this.start !== undefined && this.finish !== undefined ? this.finish - this.start : undefined;
    totals.duration_ms = roundMs(span !== undefined && span >= 0 ? span : sum);
    return { kind: "tests", format: "trx", source: file.path, totals, cases };
  }
}

function parseDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

async function parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
  const collector = new TrxCollector(ctx.limits.maxTextChars);
  const scan = await scanXml(file, ctx, collector);
  if (!scan.ok) return [unreadable(file.path, scan.reason, "trx")];
  return [collector.report(file)];
}

export const trxParser: FormatParser = {
  format: "trx",
  kind: "tests",
  sniff(head: string): boolean {
    const root = sniffRoot(head);
    return root !== undefined && localName(root) === "TestRun";
  },
  parse,
};
