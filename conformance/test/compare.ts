// Exclusions, JSON paths and numeric-aware comparison shared by the conformance suite and its report.
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import type { Case, Spec } from "./build.ts";

export const CONFORMANCE_DIR = new URL("..", import.meta.url).pathname;

export interface Exclusion {
  path: string;
  difference?: string;
  kept_when?: "cache_version_override";
  reason: string;
}

export interface Golden {
  id: string;
  area: string;
  sdk: { flyte: string };
  taskSpec?: Spec;
  error?: { type: string; message: string; stage: string };
}

export interface PatchOp {
  op: "set" | "remove";
  path: string;
  value?: unknown;
}

export interface DifferenceEntry {
  /** An id of docs/differences.md (V1, B2, W4…), or M<n> for a mismatch core still has to fix. */
  difference: string;
  /** deliberate: flyte-ts is right on purpose; mismatch: flyte-ts is wrong, the lead fixes core. */
  status: "deliberate" | "mismatch";
  reason: string;
  /** What flyte-ts produces instead, exactly. */
  flyte_ts: { patch: PatchOp[] } | { error: ExpectedError };
}

/** An issue flyte-ts reports: its path, and its exact message (or a prefix/suffix for long enumerations). */
export interface ExpectedError {
  path?: string;
  message?: string;
  message_prefix?: string;
  message_suffix?: string;
}

export function loadCases(): Case[] {
  const dir = `${CONFORMANCE_DIR}cases/`;
  const cases: Case[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const doc = parse(readFileSync(dir + file, "utf8")) ?? {};
    for (const c of doc.cases ?? []) cases.push({ area: doc.area, ...c });
  }
  return cases;
}

export function loadGolden(id: string): Golden | undefined {
  try {
    return JSON.parse(readFileSync(`${CONFORMANCE_DIR}golden/${id}.json`, "utf8")) as Golden;
  } catch {
    return undefined;
  }
}

export function loadExclusions(): Exclusion[] {
  return parse(readFileSync(`${CONFORMANCE_DIR}exclusions.yaml`, "utf8")).exclusions;
}

export function loadDifferences(): Record<string, DifferenceEntry> {
  return parse(readFileSync(`${CONFORMANCE_DIR}differences.yaml`, "utf8"))?.differences ?? {};
}

/** The M-ids of differences.yaml's `mismatches` block. */
export function loadMismatchIds(): string[] {
  return Object.keys(parse(readFileSync(`${CONFORMANCE_DIR}differences.yaml`, "utf8"))?.mismatches ?? {});
}

/** The difference ids (V1, B2, W4…) of docs/differences.md. */
export function loadDifferenceIds(): string[] {
  const text = readFileSync(`${CONFORMANCE_DIR}../docs/differences.md`, "utf8");
  return [...text.matchAll(/^\| ([VBW]\d+) \|/gm)].map((m) => m[1]!);
}

/** Removes the excluded fields in place (see exclusions.yaml). */
export function applyExclusions(spec: Spec, exclusions: Exclusion[], versionOverride: boolean): Spec {
  const primary = spec.taskTemplate?.config?.primary_container_name ?? "primary";
  for (const ex of exclusions) {
    if (ex.kept_when === "cache_version_override" && versionOverride) continue;
    const parts = ex.path.split(".");
    const walk = (obj: any, i: number): void => {
      if (obj === null || typeof obj !== "object") return;
      const part = parts[i]!;
      if (part === "containers[primary]") {
        for (const c of obj.containers ?? []) if (c?.name === primary) walk(c, i + 1);
        return;
      }
      if (i === parts.length - 1) delete obj[part];
      else walk(obj[part], i + 1);
    };
    walk(spec, 0);
  }
  return spec;
}

/** `a.b[2].c` → ["a", "b", 2, "c"]. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const segment of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!m) throw new Error(`bad path ${path}`);
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The golden output with a difference entry's patch applied: what flyte-ts must produce. */
export function applyPatch(spec: Spec, patch: PatchOp[]): Spec {
  const copy = structuredClone(spec);
  for (const op of patch) {
    const parts = parsePath(op.path);
    let obj: any = copy;
    for (const part of parts.slice(0, -1)) {
      if (obj[part] === undefined) obj[part] = typeof part === "number" ? [] : {};
      obj = obj[part];
    }
    const last = parts[parts.length - 1]!;
    if (op.op === "remove") {
      if (Array.isArray(obj) && typeof last === "number") obj.splice(last, 1);
      else delete obj[last];
    } else {
      obj[last] = structuredClone(op.value);
    }
  }
  return copy;
}

/** Differences between two parsed JSON values: numbers compare numerically (2.0 == 2), object keys unordered. */
export function jsonDiff(actual: unknown, expected: unknown, path = ""): string[] {
  if (typeof actual === "number" && typeof expected === "number") {
    return actual === expected ? [] : [`${path || "(root)"}: ${actual} != expected ${expected}`];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const out: string[] = [];
    if (actual.length !== expected.length) out.push(`${path}: ${actual.length} items != expected ${expected.length}`);
    for (let i = 0; i < Math.min(actual.length, expected.length); i++) out.push(...jsonDiff(actual[i], expected[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(actual) && isObject(expected)) {
    const out: string[] = [];
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
      const p = path ? `${path}.${key}` : key;
      if (!(key in expected)) out.push(`${p}: unexpected ${JSON.stringify(actual[key])}`);
      else if (!(key in actual)) out.push(`${p}: missing, expected ${JSON.stringify(expected[key])}`);
      else out.push(...jsonDiff(actual[key], expected[key], p));
    }
    return out;
  }
  return actual === expected ? [] : [`${path || "(root)"}: ${JSON.stringify(actual)} != expected ${JSON.stringify(expected)}`];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
