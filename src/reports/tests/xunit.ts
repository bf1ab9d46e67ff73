// xUnit.net XML (`xunit.console -xml`, `dotnet test --logger xunit`): v2 `<assemblies><assembly><collection>`
// and v1 `<assembly><class>` (also Fixie's xUnit output).
//
// One test per <test> element. result: Pass → passed; Fail → failed; Skip, NotRun → skipped (anything else:
// failed, so an unknown result never passes a gate). classname = `type`; suite = the enclosing collection
// or class; message = failure/message (or the skip reason); details = failure/message + failure/stack-trace.
// Assembly-level <errors> (fixture cleanup failures) are not test cases and are not counted.
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

const RESULTS = new Map<string, TestStatus>([
  ["pass", "passed"],
  ["fail", "failed"],
  ["skip", "skipped"],
  ["notrun", "skipped"],
]);

interface OpenTest {
  depth: number;
  attrs: Record<string, string>;
  message?: BoundedText;
  stack?: BoundedText;
  reason?: BoundedText;
}

class XunitCollector implements XmlHandlers {
  readonly cases: TestCase[] = [];
  readonly totals = emptyTotals();
  private groups: string[] = [];
  private assemblyTime = 0;
  private assemblyTimeMissing = false;
  private assemblies = 0;
  private caseTime = 0;
  private current: OpenTest | undefined;
  private inFailure = -1;
  private capture: BoundedText | undefined;
  private captureDepth = -1;
  private readonly strings = new Interner();

  constructor(private readonly maxText: number) {}

  open(rawName: string, attrs: Record<string, string>, depth: number): void {
    const name = localName(rawName);
    if (depth === 1 && name !== "assemblies" && name !== "assembly") {
      throw new XmlAbort(
        `not an xUnit.net report: the root element is <${rawName}>, not <assemblies> or <assembly>`,
      );
    }
    const current = this.current;
    if (current === undefined) {
      if (name === "assembly") {
        this.assemblies++;
        const t = secondsToMs(attrs.time);
        if (t === undefined) this.assemblyTimeMissing = true;
        else this.assemblyTime += t;
      } else if (name === "collection" || name === "class") {
        this.groups.push(this.strings.get(attrs.name) ?? "");
      } else if (name === "test") {
        this.current = { depth, attrs };
      }
      return;
    }
    if (depth === current.depth + 1 && name === "failure") {
      this.inFailure = depth;
    } else if (this.capture === undefined) {
      let target: BoundedText | undefined;
      if (depth === current.depth + 1 && name === "reason")
        target = current.reason ??= new BoundedText(this.maxText);
      else if (depth === this.inFailure + 1 && name === "message")
        target = current.message ??= new BoundedText(this.maxText);
      else if (depth === this.inFailure + 1 && name === "stack-trace")
        target = current.stack ??= new BoundedText(this.maxText);
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
    if (depth === this.inFailure) {
      this.inFailure = -1;
      return;
    }
    const current = this.current;
    if (current !== undefined && depth === current.depth) {
      this.finish(current);
      this.current = undefined;
      return;
    }
    const name = localName(rawName);
    if (current === undefined && (name === "collection" || name === "class")) this.groups.pop();
  }

  private finish(t: OpenTest): void {
    const a = t.attrs;
    const status = RESULTS.get((a.result ?? "").toLowerCase()) ?? "failed";
    const c: TestCase = { name: detach(a.name ?? a.method ?? "(no name)"), status };
    const classname = this.strings.get(a.type);
    if (classname !== undefined) c.classname = classname;
    if (status !== "passed") {
      const message = (status === "skipped" ? t.reason : t.message)?.value();
      const first = firstLine(message, this.maxText);
      if (first !== undefined) c.message = detach(first);
      const details = [t.message?.value(), t.stack?.value()].filter((x) => x !== undefined).join("\n\n");
      if (status !== "skipped" && details !== "") c.details = detach(clipCounted(details, this.maxText));
    }
    const duration = secondsToMs(a.time);
    if (duration !== undefined) {
      c.duration_ms = duration;
      this.caseTime += duration;
    }
    const suite = this.groups.at(-1);
    if (suite !== undefined && suite !== "") c.suite = suite;
    this.cases.push(c);
    countCase(this.totals, status);
  }

  duration(): number {
    return roundMs(this.assemblies > 0 && !this.assemblyTimeMissing ? this.assemblyTime : this.caseTime);
  }
}

async function parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
  const collector = new XunitCollector(ctx.limits.maxTextChars);
  const scan = await scanXml(file, ctx, collector);
  if (!scan.ok) return [unreadable(file.path, scan.reason, "xunit")];
  const totals = { ...collector.totals, duration_ms: collector.duration() };
  return [{ kind: "tests", format: "xunit", source: file.path, totals, cases: collector.cases }];
}

export const xunitParser: FormatParser = {
  format: "xunit",
  kind: "tests",
  sniff(head: string): boolean {
    const root = sniffRoot(head);
    if (root === undefined) return false;
    const name = localName(root);
    // <assembly> is also the root of other XML (e.g. .NET docs); xUnit's has test-framework/run-date or <class>/<collection>.
    return (
      name === "assemblies" ||
      (name === "assembly" && /<(?:class|collection)[\s>]|test-framework=|run-date=/.test(head))
    );
  },
  parse,
};
