// `TaskTemplate.custom` of a Dask task: the proto JSON of flyteidl2.plugins.DaskJob (python-sdk-behaviour §3.4.3).
import { getProtoResources } from "@flyte-ts/core";
import type { DaskSpec } from "./schema.ts";

/** The DaskJob proto JSON for a validated config; both roles are always present (possibly `{}`). */
export function daskJobCustom(config: DaskSpec): Record<string, unknown> {
  const scheduler: Record<string, unknown> = {};
  if (config.scheduler.image) scheduler.image = config.scheduler.image;
  const schedulerResources = getProtoResources(config.scheduler.resources);
  if (schedulerResources) scheduler.resources = schedulerResources;
  const workers: Record<string, unknown> = {};
  if (config.workers.numberOfWorkers) workers.numberOfWorkers = config.workers.numberOfWorkers;
  if (config.workers.image) workers.image = config.workers.image;
  const workerResources = getProtoResources(config.workers.resources);
  if (workerResources) workers.resources = workerResources;
  return { scheduler, workers };
}
