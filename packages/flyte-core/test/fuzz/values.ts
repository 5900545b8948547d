// Generators of the values a caller can hand to the SDK's public API, shared by the property tests of
// core and of the plugins (they import this file by its path). The seed is fixed so that a failure in
// CI is reproduced by running the same test.
import fc from "fast-check";
import { ConfigError, FlyteTsError } from "@flyte-ts/core";
import { expect } from "vitest";

export const SEED = 20261204;

/** A cyclic object: `{ a: { b: <the same object> } }`, and a cyclic list. */
const cyclic = fc.constantFrom("object", "array").map((shape) => {
  if (shape === "array") {
    const list: unknown[] = [1];
    list.push(list);
    return list;
  }
  const outer: Record<string, unknown> = { name: "primary" };
  outer.self = { inner: outer };
  return outer;
});

/** An object nested `depth` levels deep ({ a: { a: … } }), as built by a runaway generator. */
export function deepObject(depth: number, key = "a"): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

const oddObjects = fc.constantFrom(
  () => Object.create(null) as object,
  () => Object.assign(Object.create(null) as object, { cpu: 1, name: "x" }),
  () => new Map<string, unknown>([["cpu", 1]]),
  () => new Set([1]),
  () => new Uint8Array([1, 2]),
  () => new Float64Array([Number.NaN]),
  () => new Date(Number.NaN),
  () => new Error("boom"),
  () => /re/g,
  () => Promise.resolve(1),
  () => new (class Custom { cpu = 1; })(),
  () => function fn() { return 1; },
  () => deepObject(5000),
).map((make) => make());

/** Anything at all: JSON-ish values, bigints, symbols, boxed values, Maps, typed arrays, cycles, deep nesting. */
export const strange: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3, maxKeys: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
    withNullPrototype: true, withObjectString: true, withSparseArray: true, withTypedArray: true,
  }),
  fc.constantFrom<unknown>(
    null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 2 ** 53, -1, 1.5, 0, 1e300,
    "", " ", "0", "1", "-1", "1e400", "NaN", "__proto__", "constructor", "toString", "\u0000", "😀".repeat(70),
    10n, Symbol("s"), true, false, [], {}, [null], ["1", "2", "3"],
  ),
  cyclic,
  oddObjects,
);

/** A value from `good` most of the time, else something strange. */
export function mostly<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: strange, weight: 1 });
}

/** A value from `good`, once in a while something strange (for chains of calls that should get far). */
export function rarely<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 30 }, { arbitrary: strange, weight: 1 });
}

/**
 * An options object with some of `fields` (each mostly well-formed), sometimes an unknown key, sometimes
 * a null prototype; or, rarely, something that is not an options object at all.
 */
export function options(
  fields: Record<string, fc.Arbitrary<unknown>>,
  { oddOneIn = 10, requiredKeys = [] as string[] } = {},
): fc.Arbitrary<unknown> {
  const record = fc.record(fields, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
  const shaped = fc.tuple(record, fc.nat(oddOneIn * 2 - 1)).chain(([rec, roll]) => {
    if (roll === 0) return strange.map((extra) => ({ ...rec, unexpectedKey: extra }));
    if (roll === 1) return fc.constant(Object.assign(Object.create(null) as object, rec));
    return fc.constant(rec);
  });
  return fc.oneof({ arbitrary: shaped, weight: oddOneIn - 1 }, { arbitrary: strange, weight: 1 });
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function attemptAsync<T>(fn: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A refusal must be the project's ConfigError, listing at least one issue, each with a path and a message. */
export function expectProjectRejection(error: unknown, input: unknown): void {
  if (!(error instanceof ConfigError)) {
    const what = error instanceof FlyteTsError ? `FlyteTsError ${error.code}` : String((error as Error)?.name ?? typeof error);
    throw new Error(`expected a ConfigError, got ${what}: ${(error as Error)?.message ?? String(error)}\ninput: ${describeInput(input)}`, { cause: error });
  }
  expect(error.code).toMatch(/^[A-Z_]+$/);
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(Array.isArray(issue.path)).toBe(true);
    expect(typeof issue.message).toBe("string");
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

function describeInput(input: unknown): string {
  try {
    return fc.stringify(input).slice(0, 2000);
  } catch {
    return typeof input;
  }
}

/** Runs the property `runs` times from the fixed seed; fails with the shrunk counterexample. */
export function check<T>(arb: fc.Arbitrary<T>, runs: number, predicate: (value: T) => void): void {
  fc.assert(fc.property(arb, predicate), { seed: SEED, numRuns: runs });
}

export async function checkAsync<T>(arb: fc.Arbitrary<T>, runs: number, predicate: (value: T) => Promise<void>): Promise<void> {
  await fc.assert(fc.asyncProperty(arb, predicate), { seed: SEED, numRuns: runs });
}
