export { evaluateGates } from "./evaluate.js";
export type {
  Baseline,
  GateDetails,
  GateExtras,
  GateId,
  GateResult,
  GateStatus,
  Override,
  TopGateResult,
  Verdict,
  VerdictCounts,
} from "./types.js";
export { GATE_ORDER } from "./types.js";
