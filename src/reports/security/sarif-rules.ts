// Finding the rule (reportingDescriptor) a SARIF result refers to, and the result's message text.
import { asNumber, asString, isRecord } from "../read.js";

type Json = Record<string, unknown>;

function rulesOf(component: unknown): unknown[] {
  return isRecord(component) && Array.isArray(component.rules) ? component.rules : [];
}

/** Driver rules and each extension's rules, for look-ups by id. */
export interface RuleTables {
  driver: unknown[];
  extensions: unknown[][];
}

export function ruleTables(run: Json): RuleTables {
  const tool = isRecord(run.tool) ? run.tool : {};
  const extensions = Array.isArray(tool.extensions) ? tool.extensions.map(rulesOf) : [];
  return { driver: rulesOf(tool.driver), extensions };
}

/** result.ruleIndex / result.rule.index (in the driver or the extension rule.toolComponent.index names), else by id. */
export function findRule(result: Json, tables: RuleTables): Json | undefined {
  const ref = isRecord(result.rule) ? result.rule : {};
  const component = isRecord(ref.toolComponent) ? asNumber(ref.toolComponent.index) : undefined;
  const table = component === undefined ? tables.driver : (tables.extensions[component] ?? []);
  const index = asNumber(result.ruleIndex) ?? asNumber(ref.index);
  if (index !== undefined) {
    const byIndex: unknown = table[index];
    if (isRecord(byIndex)) return byIndex;
  }
  const id = asString(result.ruleId) ?? asString(ref.id);
  if (id === undefined) return undefined;
  for (const t of [table, tables.driver, ...tables.extensions]) {
    const hit: unknown = t.find((r) => isRecord(r) && r.id === id);
    if (isRecord(hit)) return hit;
  }
  return undefined;
}

function textOf(m: unknown): string | undefined {
  if (!isRecord(m)) return undefined;
  return asString(m.text) ?? asString(m.markdown);
}

/** Replaces {0}, {1}, … with the message arguments (SARIF §3.11.5). */
function fill(template: string, args: unknown): string {
  const list = Array.isArray(args) ? args : [];
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => {
    const v: unknown = list[Number(n)];
    return typeof v === "string" ? v : whole;
  });
}

/** message.text, else the rule's messageStrings[message.id], else markdown, else the rule's descriptions. */
export function resultMessage(result: Json, rule: Json | undefined): string {
  const msg = isRecord(result.message) ? result.message : {};
  const text = asString(msg.text);
  if (text !== undefined && text !== "") return fill(text, msg.arguments);
  const id = asString(msg.id);
  if (id !== undefined && rule !== undefined && isRecord(rule.messageStrings)) {
    const template = textOf(rule.messageStrings[id]);
    if (template !== undefined) return fill(template, msg.arguments);
  }
  const markdown = asString(msg.markdown);
  if (markdown !== undefined && markdown !== "") return fill(markdown, msg.arguments);
  if (rule !== undefined) {
    const described = textOf(rule.shortDescription) ?? textOf(rule.fullDescription) ?? asString(rule.name);
    if (described !== undefined) return described;
  }
  return "";
}
