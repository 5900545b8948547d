import { type IssuePath } from "@flyte-ts/core";
import type { IssueList } from "./issues.ts";
/**
 * Checks one conf map: string values, well-known keys and (unless `operatorKeys` is false, for engines
 * other than the Spark operator) the keys the operator or the Flyte backend refuse or overwrite.
 */
export declare function checkSparkConf(conf: Readonly<Record<string, unknown>>, path: IssuePath, issues: IssueList, operatorKeys?: boolean): void;
/** Checks a map whose values must be strings (hadoopConf, and Databricks' string maps). */
export declare function checkStringMap(map: Readonly<Record<string, unknown>>, path: IssuePath, issues: IssueList): void;
//# sourceMappingURL=conf-rules.d.ts.map