// NUnit XML: NUnit 3 (`<test-run>`), NUnit 2 (`<test-results>`) and bare `<test-suite>` roots.
//
// One test per <test-case> element, at any depth (suites nest: assembly, namespace, fixture, parameterized
// method). Result mapping:
//   NUnit 3 `result`: Passed, Warning → passed; Failed → failed, or error when label="Error" (an unexpected
//     exception), label="Invalid" or label="Cancelled"; Skipped, Inconclusive → skipped.
//   NUnit 2 `result`: Success → passed; Failure → failed; Error, NotRunnable (an invalid test) → error;
//     Ignored, Skipped, Inconclusive, Cancelled → skipped.
//   No `result` (NUnit 2.2): executed="False" → skipped, else a <failure> child or success="False" → failed,
//   else passed.
// message = failure/message (or reason/message for skipped cases); details = failure/stack-trace.
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
  roundMs,
  secondsToMs,
} from "./common.js";

const ROOTS = new Set(["test-run", "test-results", "test-suite"]);

const V2_RESULTS = new Map<string, TestStatus>([
  ["success", "passed"],
  ["failure", "failed"],
  ["error", "error"],
  ["notrunnable", "error"],
  ["ignored", "skipped"],
  ["skipped", "skipped"],
  ["inconclusive", "skipped"],
  ["cancelled", "skipped"],
]);

export function nunitStatus(attrs: Record<string, string>, hasFailure = false): TestStatus {
  const result = (attrs.result ?? "").toLowerCase();
  const label = (attrs.label ?? "").toLowerCase();
  if (result === "passed" || result === "warning") return "passed";
  if (result === "failed")
    return label === "error" || label === "invalid" || label === "cancelled" ? "error" : "failed";
  if (result === "skipped" || result === "inconclusive") return "skipped";
  const v2 = V2_RESULTS.get(result);
  if (v2 !== undefined) return v2;
  if (attrs.executed?.toLowerCase() === "false") return "skipped";
  return hasFailure || attrs.success?.toLowerCase() === "false" ? "failed" : "passed";
}

interface Suite {
  name: string;
  fixture?: string;
}

interface OpenCase {
  depth: number;
  attrs: Record<string, string>;
  hasFailure: boolean;
  message?: BoundedText;
  stack?: BoundedText;
  reason?: BoundedText;
}

class NUnitCollector implements XmlHandlers {
  readonly cases: TestCase[] = [];
  readonly totals = emptyTotals();
  private suites: Suite[] = [];
  private rootTime: number | undefined;
  private outerTime = 0;
  private outerMissing = false;
  private caseTime = 0;
  private current: OpenCase | undefined;
  /** failure | reason, directly under the current case. */
  private section: { name: string; depth: number } | undefined;
  private capture: BoundedText | undefined;
  private captureDepth = -1;
  private readonly strings = new Interner();

  constructor(private readonly maxText: number) {}

  open(rawName: string, attrs: Record<string, string>, depth: number): void {
    const name = localName(rawName);
    if (depth === 1) {
      if (!ROOTS.has(name)) {
        throw new XmlAbort(
          `not an NUnit report: the root element is <${rawName}>, not <test-run> or <test-results>`,
        );
      }
      if (name === "test-run") this.rootTime = secondsToMs(attrs.duration);
    }
    const current = this.current;
    if (current === undefined) {
      if (name === "test-suite") {
        const time = secondsToMs(attrs.duration ?? attrs.time);
        if (this.suites.length === 0) {
          if (time === undefined) this.outerMissing = true;
          else this.outerTime += time;
        }
        const isFixture = attrs.type === "TestFixture";
        const parent = this.suites.at(-1);
        const fixture = isFixture ? this.strings.get(attrs.fullname ?? attrs.name) : parent?.fixture;
        this.suites.push({ name: this.strings.get(attrs.name) ?? "", fixture });
      } else if (name === "test-case") {
        this.current = { depth, attrs, hasFailure: false };
      }
      return;
    }
    if (depth === current.depth + 1 && (name === "failure" || name === "reason")) {
      this.section = { name, depth };
      if (name === "failure") current.hasFailure = true;
    } else if (this.section !== undefined && depth === this.section.depth + 1 && this.capture === undefined) {
      let target: BoundedText | undefined;
      if (this.section.name === "failure" && name === "message")
        target = current.message ??= new BoundedText(this.maxText);
      else if (this.section.name === "failure" && name === "stack-trace")
        target = current.stack ??= new BoundedText(this.maxText);
      else if (this.section.name === "reason" && name === "message")
        target = current.reason ??= new BoundedText(this.maxText);
      if (target !== undefined) {
        this.capture = target;
        this.captureDepth = depth;
      }
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
    if (this.section !== undefined && depth === this.section.depth) {
      this.section = undefined;
      return;
    }
    const current = this.current;
    if (current !== undefined && depth === current.depth) {
      this.finishCase(current);
      this.current = undefined;
      return;
    }
    if (current === undefined && localName(rawName) === "test-suite") this.suites.pop();
  }

  private finishCase(current: OpenCase): void {
    const a = current.attrs;
    const status = nunitStatus(a, current.hasFailure);
    const c: TestCase = { name: detach(a.name ?? a.fullname ?? "(no name)"), status };
    const suite = this.suites.at(-1);
    const classname = this.strings.get(a.classname) ?? suite?.fixture;
    if (classname !== undefined) c.classname = classname;
    if (status !== "passed") {
      const message = (status === "skipped" ? current.reason : current.message)?.value();
      const first = firstLine(message ?? current.message?.value(), this.maxText);
      if (first !== undefined) c.message = detach(first);
      const details = [current.message?.value(), current.stack?.value()]
        .filter((t) => t !== undefined)
        .join("\n\n");
      if (status !== "skipped" && details !== "") c.details = detach(clipCounted(details, this.maxText));
    }
    const duration = secondsToMs(a.duration ?? a.time);
    if (duration !== undefined) {
      c.duration_ms = duration;
      this.caseTime += duration;
    }
    if (suite !== undefined && suite.name !== "") c.suite = suite.name;
    this.cases.push(c);
    countCase(this.totals, status);
  }

  duration(): number {
    if (this.rootTime !== undefined) return roundMs(this.rootTime);
    if (this.suites.length === 0 && !this.outerMissing && this.outerTime > 0) return roundMs(this.outerTime);
    return roundMs(this.caseTime);
  }
}

async function parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
  const collector = new NUnitCollector(ctx.limits.maxTextChars);
  const scan = await scanXml(file, ctx, collector);
  if (!scan.ok) return [unreadable(file.path, scan.reason, "nunit")];
  const totals = { ...collector.totals, duration_ms: collector.duration() };
  return [{ kind: "tests", format: "nunit", source: file.path, totals, cases: collector.cases }];
}

export const nunitParser: FormatParser = {
  format: "nunit",
  kind: "tests",
  sniff(head: string): boolean {
    const root = sniffRoot(head);
    return root !== undefined && ROOTS.has(localName(root));
  },
  parse,
};
