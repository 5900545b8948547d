// `TaskTemplate.custom` of a Ray task: the proto JSON of flyteidl2.plugins.RayJob, built by hand with
// protobuf's JSON omission rules because the npm flyteidl2 lacks autoscalerOptions and the groups'
// extendedResources (python-sdk-behaviour §3.3.3, §4.1).
import { getProtoExtendedResources, getProtoResources } from "@flyte-ts/core";
import type { AutoscalerOptionsSpec, HeadNodeSpec, RayJobSpec, WorkerNodeSpec } from "../schema.ts";
import { HEAD_CONTAINER, WORKER_CONTAINER, nodePodTemplate } from "./node-pod-template.ts";
import { pythonJsonDumps } from "./python-json.ts";
import { pyyamlDump } from "./pyyaml-dump.ts";

type Json = Record<string, unknown>;

const nonEmpty = (map: Readonly<Record<string, unknown>> | undefined) => (map && Object.keys(map).length > 0 ? { ...map } : undefined);

/** The fields head and worker group specs share, in field order after each one's own. */
function addNodeFields(out: Json, node: HeadNodeSpec | WorkerNodeSpec, container: string): Json {
  const params = nonEmpty(node.rayStartParams);
  if (params) out.rayStartParams = params;
  const pod = nodePodTemplate(container, node.podTemplate, node.requests, node.limits);
  if (pod) out.k8sPod = pod;
  const extended = getProtoExtendedResources(node.requests);
  if (extended) out.extendedResources = extended;
  return out;
}

function headGroupSpec(head: HeadNodeSpec): Json {
  return addNodeFields({}, head, HEAD_CONTAINER);
}

function workerGroupSpec(worker: WorkerNodeSpec): Json {
  const out: Json = {};
  if (worker.groupName) out.groupName = worker.groupName;
  // int32 fields: 0 is the default and is omitted.
  if (worker.replicas) out.replicas = worker.replicas;
  if (worker.minReplicas) out.minReplicas = worker.minReplicas;
  if (worker.maxReplicas) out.maxReplicas = worker.maxReplicas;
  return addNodeFields(out, worker, WORKER_CONTAINER);
}

function autoscalerOptions(options: AutoscalerOptionsSpec): Json {
  const out: Json = {};
  if (options.upscalingMode) out.upscalingMode = `UPSCALING_MODE_${options.upscalingMode}`;
  if (options.idleTimeoutSeconds) out.idleTimeoutSeconds = options.idleTimeoutSeconds;
  const env = Object.entries(options.env ?? {}).map(([key, value]) => ({ key, value }));
  if (env.length > 0) out.env = env;
  if (options.image) out.image = options.image;
  const resources = getProtoResources(options.resources);
  if (resources) out.resources = resources;
  return out;
}

/** The RayJob proto JSON for a validated config. */
export function rayJobCustom(config: RayJobSpec): Json {
  const cluster: Json = {};
  if (config.headNodeConfig) cluster.headGroupSpec = headGroupSpec(config.headNodeConfig);
  if (config.workerNodeConfig.length > 0) cluster.workerGroupSpec = config.workerNodeConfig.map(workerGroupSpec);
  if (config.enableAutoscaling) cluster.enableAutoscaling = true;
  if (config.autoscalerOptions) cluster.autoscalerOptions = autoscalerOptions(config.autoscalerOptions);
  const job: Json = { rayCluster: cluster };
  const runtimeEnv = nonEmpty(config.runtimeEnv);
  if (runtimeEnv) job.runtimeEnv = Buffer.from(pythonJsonDumps(runtimeEnv), "utf8").toString("base64");
  if (config.shutdownAfterJobFinishes) job.shutdownAfterJobFinishes = true;
  if (config.ttlSecondsAfterFinished) job.ttlSecondsAfterFinished = config.ttlSecondsAfterFinished;
  if (runtimeEnv) job.runtimeEnvYaml = pyyamlDump(runtimeEnv);
  return job;
}
