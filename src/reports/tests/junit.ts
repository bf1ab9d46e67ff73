// JUnit XML in all its dialects (pytest, jest-junit, vitest, mocha, Surefire/Failsafe, Gradle, go-junit-report,
// gotestsum, node --test, PHPUnit, cargo-nextest, Catch2, ...).
//
// Counting (DESIGN.md): every <testcase> element is one test, whatever the declared `tests=` attributes say.
// A case's status is its worst result: <error> beats <failure> beats <skipped> beats none (passed).
// Exceptions and dialect details:
// - status="disabled" (tst, GoogleTest-style reporters) means the case did not run: skipped, even when the
//   reporter put a <failure> note inside it.
// - Surefire <flakyFailure>/<flakyError> record failed attempts of a case that finally passed: the case
//   keeps its own result and is marked `flaky`. <rerunFailure>/<rerunError> are failed reruns: failed/error.
// - The same test written several times (retries of go-junit-report, web-test-runner, pytest-rerunfailures)
//   counts once per <testcase>, as the design says; nothing is merged here.
// - `file`/`line` come from the case's `file` (or `filepath`) and `line` attributes, else from those of its
//   deciding result element (Catch2, C xunit reporters); never guessed from the classname or a stack trace.
//   pytest's `line` is 0-based (its `line="3"` is line 4); recognised by its default names ("pytest tests"
//   root, "pytest" suite) and shifted to 1-based.
import type { Report, TestCase, TestStatus } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { localName, scanXml, sniffRoot, XmlAbort, type XmlHandlers } from "../xml.js";
import {
  BoundedText,
  CaseTexts,
  countCase,
  emptyTotals,
  firstLine,
  Interner,
  plainNumber,
  positiveInt,
  roundMs,
  STATUS_RANK,
  secondsToMs,
} from "./common.js";

/** A Map, so an element named like an Object.prototype member (`<constructor>`) is not a result. */
const RESULT_ELEMENTS = new Map<string, TestStatus | "flaky">([
  ["failure", "failed"],
  ["error", "error"],
  ["skipped", "skipped"],
  ["rerunFailure", "failed"],
  ["rerunError", "error"],
  ["flakyFailure", "flaky"],
  ["flakyError", "flaky"],
]);

interface OpenCase {
  depth: number;
  attrs: Record<string, string>;
  status: TestStatus;
  message?: string;
  details?: string;
  /** Where the deciding result says it happened (Catch2 and C xunit reporters put file/line on <failure>). */
  file?: string;
  line?: string;
  flaky: boolean;
  flakyMessage?: string;
}

interface OpenResult {
  depth: number;
  kind: TestStatus | "flaky";
  message?: string;
  file?: string;
  line?: string;
  text: BoundedText;
}

class JUnitCollector implements XmlHandlers {
  readonly cases: TestCase[] = [];
  readonly totals = emptyTotals();
  private suites: string[] = [];
  private rootTime: number | undefined;
  private outerSuiteTime = 0;
  private outerSuiteTimeMissing = false;
  private outerSuites = 0;
  private caseTime = 0;
  /** Time of cases outside any <testsuite> (node --test writes top-level tests so). */
  private looseCaseTime = 0;
  private current: OpenCase | undefined;
  private result: OpenResult | undefined;
  /** Depth of an element inside a result whose text is not part of it (system-out inside flakyFailure). */
  private muted = 0;
  /** One per field, so each keeps its own "same as the previous case" shortcut. */
  private readonly suiteNames = new Interner();
  private readonly classnames = new Interner();
  private readonly files = new Interner();
  /** Makes the kept texts independent of the report's chunks, a batch of cases at a time. */
  readonly texts = new CaseTexts();
  /** pytest writes 0-based `line` attributes; it names its root "pytest tests" and its suite "pytest". */
  private pytest = false;

  constructor(private readonly maxText: number) {}

  open(rawName: string, attrs: Record<string, string>, depth: number): void {
    const name = localName(rawName);
    if (depth === 1) {
      if (name !== "testsuites" && name !== "testsuite") {
        throw new XmlAbort(
          `not a JUnit report: the root element is <${rawName}>, not <testsuites> or <testsuite>`,
        );
      }
      this.rootTime = secondsToMs(attrs.time);
      if (attrs.name === "pytest tests") this.pytest = true;
    }
    const current = this.current;
    if (current === undefined) {
      if (name === "testsuite") {
        if (this.suites.length === 0) {
          this.outerSuites++;
          if (attrs.name === "pytest") this.pytest = true;
          const t = secondsToMs(attrs.time);
          if (t === undefined) this.outerSuiteTimeMissing = true;
          else this.outerSuiteTime += t;
        }
        this.suites.push(this.suiteNames.get(attrs.name) ?? "");
      } else if (name === "testcase") {
        this.current = { depth, attrs, status: "passed", flaky: false };
      }
      return;
    }
    if (this.result !== undefined) {
      if (this.muted === 0 && name !== "stackTrace") this.muted = depth;
      return;
    }
    if (depth !== current.depth + 1) return;
    const kind = RESULT_ELEMENTS.get(name);
    if (kind !== undefined) {
      const { message, file, line } = attrs;
      this.result = { depth, kind, message, file, line, text: new BoundedText(this.maxText) };
    }
  }

  text(text: string): void {
    if (this.result !== undefined && this.muted === 0) this.result.text.add(text);
  }

  close(rawName: string, depth: number): void {
    if (this.muted === depth) this.muted = 0;
    const result = this.result;
    if (result !== undefined && result.depth === depth) {
      this.finishResult(result);
      this.result = undefined;
      return;
    }
    const current = this.current;
    if (current !== undefined && current.depth === depth) {
      this.finishCase(current);
      this.current = undefined;
      return;
    }
    if (current === undefined && localName(rawName) === "testsuite") this.suites.pop();
  }

  private finishResult(result: OpenResult): void {
    const current = this.current;
    if (current === undefined) return;
    const details = result.text.value();
    const message = result.message !== undefined && result.message.trim() !== "" ? result.message : undefined;
    if (result.kind === "flaky") {
      current.flaky = true;
      current.flakyMessage ??= firstLine(message ?? details, this.maxText);
      return;
    }
    if (STATUS_RANK[result.kind] <= STATUS_RANK[current.status]) return;
    current.status = result.kind;
    current.message = firstLine(message ?? details, this.maxText);
    current.details = details;
    current.file = result.file;
    current.line = result.line;
  }

  private finishCase(current: OpenCase): void {
    const a = current.attrs;
    const disabled = a.status === "disabled" || a.status === "skipped";
    const status: TestStatus = disabled ? "skipped" : current.status;
    const duration = secondsToMs(a.time);
    if (duration !== undefined) {
      this.caseTime += duration;
      if (this.suites.length === 0) this.looseCaseTime += duration;
    }
    const classname = this.classnames.get(a.classname);
    const file = this.files.get(a.file ?? a.filepath ?? current.file);
    const line = this.line(a.line ?? a.lineno, current.line);
    const message = current.message ?? (current.flaky ? current.flakyMessage : undefined);
    const details = status !== "passed" ? current.details : undefined;
    const flaky = current.flaky && status === "passed";
    const suite = this.suites.at(-1);
    const name = a.name ?? "(no name)";
    let c: TestCase;
    if (
      classname !== undefined &&
      file !== undefined &&
      line !== undefined &&
      message === undefined &&
      details === undefined &&
      duration !== undefined &&
      !flaky &&
      suite !== undefined &&
      suite !== ""
    ) {
      // The usual case in one literal: its fields live in the object itself, with no growing side store.
      c = { name, status, classname, file, line, duration_ms: duration, suite };
    } else {
      // Built field by field (no undefined members): 200,000 of these stay in memory.
      c = { name, status };
      if (classname !== undefined) c.classname = classname;
      if (file !== undefined) c.file = file;
      if (line !== undefined) c.line = line;
      if (message !== undefined) c.message = message;
      if (details !== undefined) c.details = details;
      if (duration !== undefined) c.duration_ms = duration;
      if (flaky) c.flaky = true;
      if (suite !== undefined && suite !== "") c.suite = suite;
    }
    this.cases.push(c);
    this.texts.add(c);
    countCase(this.totals, status);
  }

  /** The case's line (1-based), else its deciding result's line. */
  private line(caseLine: string | undefined, resultLine: string | undefined): number | undefined {
    if (caseLine !== undefined && this.pytest) {
      const fast = plainNumber(caseLine);
      const n = fast >= 0 ? fast : Number(caseLine);
      return Number.isInteger(n) && n >= 0 ? n + 1 : undefined;
    }
    return positiveInt(caseLine ?? resultLine);
  }

  /**
   * The run's duration: the root's `time`, else the outermost suites' `time` plus the cases outside any
   * suite, else (some suite has no time) the sum of the cases'.
   */
  duration(): number {
    if (this.rootTime !== undefined) return roundMs(this.rootTime);
    if (this.outerSuites > 0 && !this.outerSuiteTimeMissing)
      return roundMs(this.outerSuiteTime + this.looseCaseTime);
    return roundMs(this.caseTime);
  }
}

async function parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
  const collector = new JUnitCollector(ctx.limits.maxTextChars);
  const scan = await scanXml(file, ctx, collector);
  if (!scan.ok) return [unreadable(file.path, scan.reason, "junit")];
  collector.texts.flush();
  const totals = { ...collector.totals, duration_ms: collector.duration() };
  return [{ kind: "tests", format: "junit", source: file.path, totals, cases: collector.cases }];
}

export const junitParser: FormatParser = {
  format: "junit",
  kind: "tests",
  sniff(head: string): boolean {
    const root = sniffRoot(head);
    if (root === undefined) return false;
    const name = localName(root);
    return name === "testsuites" || name === "testsuite";
  },
  parse,
};
