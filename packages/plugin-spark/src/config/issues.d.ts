import { z } from "zod";
import type { ConfigIssue, IssuePath } from "@flyte-ts/core";
/** The problems found while reading one config, collected so that they are reported together. */
export type IssueList = ConfigIssue[];
export declare function isPlainObject(value: unknown): value is Record<string, unknown>;
/** A short description of a value for messages (never used for secrets). */
export declare function describeValue(value: unknown): string;
/**
 * A zod schema around a hand-written reader: core validates plugin configs with zod, while the rules
 * here (conf keys, cross-field consistency) read better as plain code. Every issue keeps its path.
 */
export declare function schemaFromReader<T>(read: (value: unknown, issues: IssueList) => T): z.ZodType<T>;
/** Reports keys of `value` outside `known`, so that a typo is not silently dropped. */
export declare function checkKnownKeys(value: object, known: readonly string[], issues: IssueList, prefix?: IssuePath): void;
//# sourceMappingURL=issues.d.ts.map