import { ConfigError, PodTemplate, isPodTemplate, type IssuePath, type PodTemplateOptions } from "@flyte-ts/core";
import { type IssueList, isPlainObject } from "./issues.ts";

/**
 * A driver/executor pod given as a PodTemplate or its options. Spark runs in the container named
 * `sparkContainer`; without it, Spark takes the first container, which is wrong when there are
 * sidecars, so several containers without that name are refused.
 */
export function readPodOption(value: unknown, path: IssuePath, sparkContainer: string, issues: IssueList): PodTemplate | undefined {
  if (value === undefined) return undefined;
  let template: PodTemplate;
  if (isPodTemplate(value)) {
    template = value;
  } else if (isPlainObject(value)) {
    try {
      template = new PodTemplate(value as unknown as PodTemplateOptions);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const issue of err.issues) issues.push({ path: [...path, ...issue.path], message: issue.message });
      return undefined;
    }
  } else {
    issues.push({ path, message: "must be a PodTemplate or its options ({ podSpec, primaryContainerName?, labels?, annotations? })" });
    return undefined;
  }
  const names = template.podSpec.containers.map((c) => c.name);
  if (names.length > 1 && !names.includes(sparkContainer)) {
    issues.push({
      path: [...path, "podSpec", "containers"],
      message: `has containers ${JSON.stringify(names)} but none named "${sparkContainer}": Spark would run in the first one; name the Spark container "${sparkContainer}"`,
    });
  }
  return template;
}
