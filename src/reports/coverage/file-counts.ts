// Line and branch hits of one source file while a coverage report is read, kept compactly: a report with
// millions of lines must not cost an object (or a Map entry) per line.
//
// Lines: one byte per line number in a table that grows with the file (0 = not executable, 1 = missed,
// 2 = covered; covered wins when a line is seen several times). A line number far beyond the lines seen so
// far (a hostile `DA:999999999,1`) goes to a small Map instead, so the table stays proportional to the
// number of lines really reported.
// Branches: counts under a format-specific key, merged by maximum. While numeric keys arrive in increasing
// order (LCOV's BRDA records, a Cobertura class's lines) no key can repeat, so they are appended to typed
// arrays (8 bytes a branch); the first key out of order, string or non-32-bit key, or large count moves the file's
// branches to a Map. Small counts are packed into one small integer (no object per branch).
import { type Ratio, ratio } from "../model.js";

/** A branch key unique within the file: a number (packed by the format) or a string. */
export type BranchKey = number | string;

const MISSED = 1;
const COVERED = 2;
/** The table may grow to at most this many times the executable lines seen, plus SLACK. */
const DENSITY = 4;
const SLACK = 1024;
const MAX_UINT32 = 2 ** 32 - 1;
/** Counts below this are packed into one small integer (covered × PACK + total < 2^30). */
const PACK = 1 << 15;

interface BranchCount {
  covered: number;
  total: number;
}

/** A count as reported, made safe for the model: not finite or negative reads as 0. */
function safeCount(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function pack(covered: number, total: number): number | BranchCount {
  return Number.isInteger(covered) && Number.isInteger(total) && covered < PACK && total < PACK
    ? covered * PACK + total
    : { covered, total };
}

function unpack(v: number | BranchCount): BranchCount {
  return typeof v === "number" ? { covered: Math.floor(v / PACK), total: v % PACK } : v;
}

export class FileCounts {
  private table = new Uint8Array(512);
  /** Line numbers beyond the table (always ≥ table.length) → covered. */
  private far: Map<number, boolean> | undefined;
  private lineCount = 0;
  private coveredCount = 0;
  /** Branches in key order (while `branches` is undefined): keys and packed counts, `size` of them. */
  private keys = new Uint32Array(0);
  private packed = new Uint32Array(0);
  private size = 0;
  private branches: Map<BranchKey, number | BranchCount> | undefined;
  /** True once a branch was recorded. */
  hasBranches = false;

  /** Marks `line` (a positive integer) as executable, and covered when `covered`. */
  line(line: number, covered: boolean): void {
    const table = this.table;
    if (line < table.length) {
      const prev = table[line];
      if (prev === 0) this.lineCount++;
      if (covered) {
        if (prev !== COVERED) this.coveredCount++;
        table[line] = COVERED;
      } else if (prev === 0) table[line] = MISSED;
      return;
    }
    if (line < DENSITY * this.lineCount + SLACK) {
      this.grow(line);
      this.line(line, covered);
      return;
    }
    this.far ??= new Map();
    const prev = this.far.get(line);
    if (prev === undefined) this.lineCount++;
    if (covered && prev !== true) this.coveredCount++;
    this.far.set(line, prev === true || covered);
  }

  private grow(line: number): void {
    const next = new Uint8Array(Math.max(line + 1, this.table.length * 2));
    next.set(this.table);
    this.table = next;
    const far = this.far;
    if (far === undefined) return;
    for (const [n, covered] of far) {
      if (n < next.length) {
        next[n] = covered ? COVERED : MISSED;
        far.delete(n);
      }
    }
  }

  /** Branch counts under `key`; the same key seen twice keeps the larger counts. */
  branch(key: BranchKey, covered: number, total: number): void {
    this.hasBranches = true;
    const c = safeCount(covered);
    const t = safeCount(total);
    if (this.branches === undefined) {
      const value = pack(c, t);
      const last = this.size - 1;
      if (
        typeof key === "number" &&
        typeof value === "number" &&
        Number.isInteger(key) &&
        key >= 0 &&
        key <= MAX_UINT32 &&
        (last < 0 || key > (this.keys[last] ?? 0))
      ) {
        this.append(key, value);
        return;
      }
      this.branches = new Map();
      for (let i = 0; i < this.size; i++) this.branches.set(this.keys[i] ?? 0, this.packed[i] ?? 0);
      this.keys = new Uint32Array(0);
      this.packed = new Uint32Array(0);
      this.size = 0;
    }
    const prev = this.branches.get(key);
    if (prev === undefined) {
      this.branches.set(key, pack(c, t));
      return;
    }
    const p = unpack(prev);
    if (c > p.covered || t > p.total)
      this.branches.set(key, pack(Math.max(c, p.covered), Math.max(t, p.total)));
  }

  private append(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const capacity = Math.max(16, this.size * 2);
      const keys = new Uint32Array(capacity);
      const packed = new Uint32Array(capacity);
      keys.set(this.keys);
      packed.set(this.packed);
      this.keys = keys;
      this.packed = packed;
    }
    this.keys[this.size] = key;
    this.packed[this.size] = value;
    this.size++;
  }

  /** Covered and missed line numbers, ascending (arrays of their exact size: a report may have millions). */
  lines(): { covered: number[]; missing: number[] } {
    const table = this.table;
    const farSorted = this.far === undefined ? [] : [...this.far.keys()].sort((a, b) => a - b);
    const covered = new Array<number>(this.coveredCount);
    const missing = new Array<number>(this.lineCount - this.coveredCount);
    let c = 0;
    let m = 0;
    for (let n = 1; n < table.length; n++) {
      const state = table[n];
      if (state === COVERED) covered[c++] = n;
      else if (state === MISSED) missing[m++] = n;
    }
    for (const n of farSorted) {
      if (this.far?.get(n) === true) covered[c++] = n;
      else missing[m++] = n;
    }
    return { covered, missing };
  }

  /** Drops the counts once the file's result is built. */
  release(): void {
    this.table = new Uint8Array(0);
    this.far = undefined;
    this.keys = new Uint32Array(0);
    this.packed = new Uint32Array(0);
    this.size = 0;
    this.branches = undefined;
  }

  branchRatio(): Ratio {
    let covered = 0;
    let total = 0;
    const add = (v: number | BranchCount) => {
      const b = unpack(v);
      covered += Math.min(b.covered, b.total);
      total += b.total;
    };
    for (let i = 0; i < this.size; i++) add(this.packed[i] ?? 0);
    if (this.branches !== undefined) for (const v of this.branches.values()) add(v);
    return ratio(covered, total);
  }
}
