// A realistic large JUnit file: 200,000 test cases in 2,000 suites (pytest/surefire style), about 2% failed
// with a message and a stack trace, 0.5% errors, 3% skipped, some captured output. About 40 MB.
import { pick, seeded } from "./random.js";
import { type Generated, generate } from "./write.js";

const WORDS = [
  "user",
  "order",
  "invoice",
  "cart",
  "login",
  "token",
  "price",
  "tax",
  "report",
  "search",
  "cache",
  "queue",
];
const VERBS = [
  "creates",
  "rejects",
  "updates",
  "deletes",
  "parses",
  "renders",
  "retries",
  "validates",
  "merges",
];

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function stack(random: () => number, module: string, depth: number): string {
  const frames: string[] = [];
  for (let i = 0; i < depth; i++) {
    const fn = `${pick(random, VERBS)}_${pick(random, WORDS)}`;
    frames.push(
      `  File "src/${module}.py", line ${1 + Math.floor(random() * 900)}, in ${fn}\n    result = ${fn}(payload, strict=True)`,
    );
  }
  return `Traceback (most recent call last):\n${frames.join("\n")}\nAssertionError: expected 200 but got 500 <Response [500]> & "body": {"error": "boom"}`;
}

export function generateJunit(cases = 200_000, suites = 2_000): Generated {
  return generate(`junit-${cases}.v1.xml`, (emit) => {
    const random = seeded(42);
    const perSuite = Math.ceil(cases / suites);
    emit('<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="pytest tests">\n');
    let written = 0;
    for (let s = 0; s < suites && written < cases; s++) {
      const module = `${pick(random, WORDS)}_${pick(random, WORDS)}_${s}`;
      const count = Math.min(perSuite, cases - written);
      emit(
        `  <testsuite name="tests.test_${module}" tests="${count}" failures="0" errors="0" skipped="0" time="12.5" timestamp="2026-11-20T10:00:00" hostname="runner-${s % 7}">\n`,
      );
      emit(
        '    <properties><property name="python" value="3.12.4"/><property name="os" value="ubuntu-24.04"/></properties>\n',
      );
      for (let i = 0; i < count; i++, written++) {
        const name = `test_${pick(random, VERBS)}_${pick(random, WORDS)}_${i}[param-${Math.floor(random() * 100)}]`;
        const head = `    <testcase classname="tests.test_${module}.Test${pick(random, WORDS)}" name="${name}" file="tests/test_${module}.py" line="${10 + i * 7}" time="${(random() * 0.2).toFixed(4)}" assertions="${1 + Math.floor(random() * 5)}"`;
        const roll = random();
        if (roll < 0.02) {
          const text = stack(random, module, 4 + Math.floor(random() * 6));
          emit(
            `${head}>\n      <failure message="${xmlEscape(`AssertionError: expected ${i} == ${i + 1}`)}" type="AssertionError">${xmlEscape(text)}</failure>\n`,
          );
          emit(
            `      <system-out>${xmlEscape(`request id ${Math.floor(random() * 1e9)} sent\nresponse <500> received\n`)}</system-out>\n    </testcase>\n`,
          );
        } else if (roll < 0.025) {
          emit(
            `${head}>\n      <error message="ConnectionError: db unreachable" type="ConnectionError"><![CDATA[${stack(random, module, 3)}]]></error>\n    </testcase>\n`,
          );
        } else if (roll < 0.055) {
          emit(`${head}>\n      <skipped message="requires network" type="pytest.skip"/>\n    </testcase>\n`);
        } else {
          emit(`${head}/>\n`);
        }
      }
      emit("  </testsuite>\n");
    }
    emit("</testsuites>\n");
  });
}
