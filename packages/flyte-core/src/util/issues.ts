import type { z } from "zod";
import { ConfigError, type ConfigIssue, type IssuePath } from "../errors.ts";

/** Collects the problems of one value so that they are reported together. */
export class IssueCollector {
  readonly issues: ConfigIssue[] = [];

  add(path: IssuePath, message: string): void {
    this.issues.push({ path, message });
  }

  /**
   * Runs `build`, moving any ConfigError it throws under `prefix`. Returns undefined when it failed,
   * so the caller can go on checking the other fields.
   */
  nested<T>(prefix: IssuePath, build: () => T): T | undefined {
    try {
      return build();
    } catch (err) {
      if (err instanceof ConfigError) {
        for (const issue of err.issues) this.add([...prefix, ...issue.path], issue.message);
        return undefined;
      }
      throw err;
    }
  }

  throwIfAny(subject: string): void {
    if (this.issues.length > 0) throw new ConfigError(subject, this.issues);
  }
}

/** Validates `input` with a zod schema; every zod issue becomes a ConfigIssue with its path. */
export function parseWithSchema<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(subject, zodIssues(result.error));
}

export function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: issue.message,
  }));
}

export function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Rejects option keys the caller does not know, so that typos are not silently dropped. */
export function checkKnownKeys(
  issues: IssueCollector,
  options: object,
  known: readonly string[],
  prefix: IssuePath = [],
): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      issues.add([...prefix, key], `unknown option; allowed: ${known.join(", ")}`);
    }
  }
}
