import { PodTemplate, type IssuePath } from "@flyte-ts/core";
import { type IssueList } from "./issues.ts";
/**
 * A driver/executor pod given as a PodTemplate or its options. Spark runs in the container named
 * `sparkContainer`; without it, Spark takes the first container, which is wrong when there are
 * sidecars, so several containers without that name are refused.
 */
export declare function readPodOption(value: unknown, path: IssuePath, sparkContainer: string, issues: IssueList): PodTemplate | undefined;
//# sourceMappingURL=pod-option.d.ts.map