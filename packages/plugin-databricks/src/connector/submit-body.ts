import { FlyteTsError, PRIMARY_CONTAINER_NAME_FIELD } from "@flyte-ts/core";
import { DEFAULT_ENTRYPOINT_PATH } from "../entrypoint.ts";

type Json = Record<string, unknown>;

/**
 * The run's entrypoint task: this package's bridge as a workspace file (see entrypoint.ts). The reference
 * connector runs Flyte's Python entrypoint from git instead, which runs the Python runtime in-process and
 * never reaches a flyte-ts task's `a0`.
 */
export const ENTRYPOINT_TASK = { python_file: DEFAULT_ENTRYPOINT_PATH, source: "WORKSPACE" } as const;

interface PrimaryContainer {
  image: string | undefined;
  args: string[];
  env: Record<string, string>;
}

/**
 * The runs/submit body for a serialized Databricks task (TaskTemplate proto JSON), built as the
 * reference connector builds it: the user's run spec; for a new cluster the task's image, sparkConf
 * and environment as defaults; then, always overwritten, the entrypoint task: flyte-ts's bridge at
 * `entrypoint` (a workspace path) with the task's container arguments, which starts `a0` on the driver.
 */
export function buildRunsSubmitBody(template: Record<string, unknown>, entrypoint: string = DEFAULT_ENTRYPOINT_PATH): Record<string, unknown> {
  const custom = (template.custom ?? {}) as Json;
  const spec = custom.databricksConf;
  if (spec === undefined || spec === null || typeof spec !== "object") {
    throw new FlyteTsError("SERIALIZATION", "Missing Databricks job configuration in task template.");
  }
  const job = structuredClone(spec) as Json;
  const container = primaryContainer(template);
  if (job.existing_cluster_id === undefined || job.existing_cluster_id === null) {
    const cluster = job.new_cluster as Json | undefined;
    if (!cluster || typeof cluster !== "object") {
      throw new FlyteTsError("SERIALIZATION", "Either existing_cluster_id or new_cluster must be specified");
    }
    // "Not given" follows Python truthiness, as the reference: an empty object counts as missing.
    // A local run of a task without an image keeps the cluster on its Databricks Runtime image.
    if (isEmpty(cluster.docker_image) && container.image) cluster.docker_image = { url: container.image };
    if (isEmpty(cluster.spark_conf)) cluster.spark_conf = (custom.sparkConf as Json | undefined) ?? {};
    cluster.spark_env_vars = isEmpty(cluster.spark_env_vars) ? { ...container.env } : { ...(cluster.spark_env_vars as Json), ...container.env };
  }
  job.spark_python_task = { python_file: entrypoint, parameters: container.args, source: ENTRYPOINT_TASK.source };
  return job;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (typeof value === "object" && Object.keys(value).length === 0);
}

function primaryContainer(template: Json): PrimaryContainer {
  const container = template.container as Json | undefined;
  if (container) {
    const env = Object.fromEntries(((container.env ?? []) as Json[]).map((e) => [String(e.key), String(e.value ?? "")]));
    return { image: container.image as string | undefined, args: [...((container.args ?? []) as string[])], env };
  }
  // A task with a pod template: its primary container holds the image, args and environment.
  const podSpec = (template.k8sPod as Json | undefined)?.podSpec as Json | undefined;
  const name = ((template.config ?? {}) as Json)[PRIMARY_CONTAINER_NAME_FIELD];
  const primary = ((podSpec?.containers ?? []) as Json[]).find((c) => c.name === name);
  if (!primary) throw new FlyteTsError("SERIALIZATION", "The task template has neither a container nor a pod spec with its primary container.");
  const env = Object.fromEntries(((primary.env ?? []) as Json[]).filter((e) => typeof e.value === "string").map((e) => [String(e.name), e.value as string]));
  return { image: primary.image as string | undefined, args: [...((primary.args ?? []) as string[])], env };
}
