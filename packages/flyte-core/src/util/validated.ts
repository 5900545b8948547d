import type { IssueCollector } from "./issues.ts";

// Objects that one of this SDK's constructors built and checked. Validation trusts only these: a copy
// (`{ ...new Resources(…), cpu: -4 }`), a duck-typed object with the same `kind`, or an object made with
// `Object.create(Resources.prototype)` carries no mark and is checked again as options. The set lives on
// globalThis so that an instance built by another copy of core in the same process is recognised too.
const VALIDATED_KEY = Symbol.for("@flyte-ts/core.validated");

function validatedObjects(): WeakSet<object> {
  const holder = globalThis as { [VALIDATED_KEY]?: WeakSet<object> };
  holder[VALIDATED_KEY] ??= new WeakSet();
  return holder[VALIDATED_KEY];
}

/** Records that a constructor checked `value` (call it last, after the checks passed). */
export function markValidated<T extends object>(value: T): T {
  validatedObjects().add(value);
  return value;
}

/** True for an object a constructor of this SDK built and checked, whose `kind` is `kind`. */
export function isValidated(value: unknown, kind: string): boolean {
  return (
    typeof value === "object" && value !== null && validatedObjects().has(value) && (value as { kind?: unknown }).kind === kind
  );
}

/**
 * Options keys without a `kind` equal to the class's own: a spread instance (`{ ...new Cache(…) }`) is
 * then checked as the options it holds. Another `kind` is reported.
 */
export function checkOwnKind(issues: IssueCollector, options: object, kind: string): void {
  if (!Object.hasOwn(options, "kind")) return;
  const given = (options as { kind?: unknown }).kind;
  if (given !== kind) issues.add(["kind"], `must be ${JSON.stringify(kind)} or left out, got ${typeof given === "string" ? JSON.stringify(given) : typeof given}`);
}

/** Refuses unknown option keys; a `kind` key is allowed only with the class's own kind (see checkOwnKind). */
export function checkOptionKeys(issues: IssueCollector, options: object, known: readonly string[], kind: string): void {
  checkOwnKind(issues, options, kind);
  for (const key of Object.keys(options)) {
    if (key !== "kind" && !known.includes(key)) issues.add([key], `unknown option; allowed: ${known.join(", ")}`);
  }
}
