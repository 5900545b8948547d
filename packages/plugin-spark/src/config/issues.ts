import { z } from "zod";
import type { ConfigIssue, IssuePath } from "@flyte-ts/core";

/** The problems found while reading one config, collected so that they are reported together. */
export type IssueList = ConfigIssue[];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A short description of a value for messages (never used for secrets). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  // JSON.stringify throws on a bigint and gives undefined for a symbol or a function.
  if (typeof value === "bigint") return `bigint ${value}n`;
  if (typeof value === "symbol") return `symbol ${value.toString()}`;
  if (typeof value === "function") return "a function";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * A zod schema around a hand-written reader: core validates plugin configs with zod, while the rules
 * here (conf keys, cross-field consistency) read better as plain code. Every issue keeps its path.
 */
export function schemaFromReader<T>(read: (value: unknown, issues: IssueList) => T): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    const issues: IssueList = [];
    const out = read(value, issues);
    for (const issue of issues) ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message, input: value });
    return issues.length > 0 ? z.NEVER : out;
  });
}

/** Reports keys of `value` outside `known`, so that a typo is not silently dropped. */
export function checkKnownKeys(value: object, known: readonly string[], issues: IssueList, prefix: IssuePath = []): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) issues.push({ path: [...prefix, key], message: `unknown option; allowed: ${known.join(", ")}` });
  }
}
