// `flyte-ts render` for Ray tasks: the RayJob (ray.io/v1) the backend's Ray plugin would create from a
// serialized task with the platform's default configuration (backend-contract §3.2, §3.4), checked
// against KubeRay's CRD. A preview: the object name is derived from the task name (the backend uses the
// run's generated name), `{{.…}}` placeholders in the entrypoint stay unrendered, and run-time additions
// (platform env vars and labels) are left out. Accelerator affinity uses the platform's default labels.
import type { RenderedResource } from "@flyte-ts/core";
import { addSharedMemory, objectName, taskPod } from "@flyte-ts/core/plugin-kit";
import { pyyamlDump } from "../serialize/pyyaml-dump.ts";
import { HEAD_CONTAINER, WORKER_CONTAINER } from "../serialize/node-pod-template.ts";
import { assertValidRayJob } from "./crd-schema.ts";
import { applyAcceleratorSelectors } from "./accelerator-selectors.ts";
import { overlayPodSpec } from "./overlay.ts";

type Json = Record<string, any>;

const PORTS = [
  { name: "redis", containerPort: 6379 },
  { name: "head", containerPort: 10001 },
  { name: "dashboard", containerPort: 8265 },
];
const LOG_NOISE_ENV = [
  { name: "RAY_COLOR_PREFIX", value: "0" },
  { name: "RAY_DATA_DISABLE_PROGRESS_BARS", value: "1" },
];
const POD_IP = { name: "MY_POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } };
const UPSCALING_MODES: Readonly<Record<string, string>> = {
  UPSCALING_MODE_DEFAULT: "Default",
  UPSCALING_MODE_AGGRESSIVE: "Aggressive",
  UPSCALING_MODE_CONSERVATIVE: "Conservative",
};

function workerEnv(): Json[] {
  const field = (name: string, resource: string) => ({ name, valueFrom: { resourceFieldRef: { containerName: WORKER_CONTAINER, resource } } });
  return [
    { name: "RAY_DISABLE_DOCKER_CPU_WARNING", value: "1" },
    { name: "TYPE", value: "worker" },
    field("CPU_REQUEST", "requests.cpu"),
    field("CPU_LIMITS", "limits.cpu"),
    // The backend (v2.0.43) points both memory variables at the cpu fields; what runs is what is shown.
    field("MEMORY_REQUESTS", "requests.cpu"),
    field("MEMORY_LIMITS", "limits.cpu"),
    { name: "MY_POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
    POD_IP,
    ...LOG_NOISE_ENV,
  ];
}

/** A group's pod template: the task's pod with the Ray container set up, then the group's overlay. */
function groupTemplate(template: Json, role: "head" | "worker", group: Json | undefined): Json {
  const pod = taskPod(template);
  const container = pod.primary;
  container.name = role === "head" ? HEAD_CONTAINER : WORKER_CONTAINER;
  delete container.args;
  container.env = [...(container.env ?? []), ...(role === "head" ? [POD_IP, ...LOG_NOISE_ENV] : workerEnv())];
  container.ports = PORTS.map((p) => ({ ...p }));
  if (role === "worker") container.lifecycle = { preStop: { exec: { command: ["/bin/sh", "-c", "ray stop"] } } };
  const extended = group?.extendedResources ?? template.extendedResources;
  addSharedMemory(pod.spec, container, extended?.sharedMemory);
  pod.spec.serviceAccountName = template.securityContext?.runAs?.k8sServiceAccount ?? "default";
  const spec = overlayPodSpec(pod.spec, group?.k8sPod?.podSpec);
  applyAcceleratorSelectors(spec, extended?.gpuAccelerator);
  const labels = { ...pod.labels, ...group?.k8sPod?.metadata?.labels };
  const annotations = { ...pod.annotations, ...group?.k8sPod?.metadata?.annotations };
  const metadata: Json = {};
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { metadata, spec };
}

function startParams(given: Json | undefined, role: "head" | "worker"): Record<string, string> {
  const params: Record<string, string> = { ...(given ?? { "disable-usage-stats": "true" }) };
  const defaults: Record<string, string> =
    role === "head"
      ? { "include-dashboard": "true", "node-ip-address": "$MY_POD_IP", "dashboard-host": "0.0.0.0", "disable-usage-stats": "true" }
      : { "node-ip-address": "$MY_POD_IP", "disable-usage-stats": "true" };
  for (const [key, value] of Object.entries(defaults)) params[key] ??= value;
  return params;
}

function autoscalerOptions(options: Json): Json {
  const out: Json = {};
  if (UPSCALING_MODES[options.upscalingMode]) out.upscalingMode = UPSCALING_MODES[options.upscalingMode];
  if (options.idleTimeoutSeconds > 0) out.idleTimeoutSeconds = options.idleTimeoutSeconds;
  if (options.image) out.image = options.image;
  if (options.resources) {
    const keys: Record<string, string> = { CPU: "cpu", MEMORY: "memory", GPU: "nvidia.com/gpu", EPHEMERAL_STORAGE: "ephemeral-storage" };
    const map = (entries: { name: string; value: string }[] | undefined) => Object.fromEntries((entries ?? []).map((e) => [keys[e.name] ?? e.name.toLowerCase(), e.value]));
    const resources: Json = {};
    if (options.resources.requests) resources.requests = map(options.resources.requests);
    if (options.resources.limits) resources.limits = map(options.resources.limits);
    out.resources = resources;
  }
  if (options.env?.length) out.env = options.env.map((e: { key: string; value?: string }) => (e.value ? { name: e.key, value: e.value } : { name: e.key }));
  return out;
}

/** The RayJob of a serialized Ray task (TaskSpec proto JSON). */
export function buildRayJob(taskSpec: Json): Json {
  const template = taskSpec.taskTemplate as Json;
  const custom = (template.custom ?? {}) as Json;
  const cluster = (custom.rayCluster ?? {}) as Json;
  const head = groupTemplate(template, "head", cluster.headGroupSpec);
  const entrypoint = (taskPod(template).primary.args ?? []).join(" ");
  const rayClusterSpec: Json = { enableInTreeAutoscaling: cluster.enableAutoscaling === true };
  if (cluster.autoscalerOptions) rayClusterSpec.autoscalerOptions = autoscalerOptions(cluster.autoscalerOptions);
  rayClusterSpec.headGroupSpec = { serviceType: "NodePort", enableIngress: true, rayStartParams: startParams(cluster.headGroupSpec?.rayStartParams, "head"), template: head };
  rayClusterSpec.workerGroupSpecs = (cluster.workerGroupSpec ?? []).map((group: Json) => {
    const replicas = group.replicas ?? 0;
    return {
      groupName: group.groupName ?? "",
      replicas,
      minReplicas: Math.min(group.minReplicas ?? 0, replicas),
      maxReplicas: Math.max(group.maxReplicas ?? 0, replicas),
      rayStartParams: startParams(group.rayStartParams, "worker"),
      template: groupTemplate(template, "worker", group),
    };
  });
  const spec: Json = { entrypoint };
  const runtimeEnvYaml = custom.runtimeEnvYaml || (custom.runtimeEnv ? pyyamlDump(JSON.parse(Buffer.from(custom.runtimeEnv, "base64").toString("utf8"))) : undefined);
  if (runtimeEnvYaml) spec.runtimeEnvYAML = runtimeEnvYaml;
  // The task's TTL applies only with its own shutdownAfterJobFinishes; otherwise the platform's defaults.
  spec.shutdownAfterJobFinishes = true;
  spec.ttlSecondsAfterFinished = custom.shutdownAfterJobFinishes === true ? (custom.ttlSecondsAfterFinished ?? 0) : 3600;
  spec.submissionMode = "K8sJobMode";
  spec.submitterPodTemplate = {
    spec: {
      containers: [
        {
          name: "ray-job-submitter",
          image: head.spec.containers[0]?.image,
          resources: { requests: { cpu: "500m", memory: "200Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        },
      ],
      restartPolicy: "Never",
      enableServiceLinks: false,
    },
  };
  spec.rayClusterSpec = rayClusterSpec;
  return { apiVersion: "ray.io/v1", kind: "RayJob", metadata: { name: objectName(template.id.name, 47) }, spec };
}

/** Renders and checks the RayJob; fails naming every path the CRD schema rejects. */
export async function renderRayJob(taskSpec: Record<string, unknown>): Promise<RenderedResource[]> {
  const resource = buildRayJob(taskSpec);
  const name = (taskSpec.taskTemplate as Json).id.name as string;
  await assertValidRayJob(resource, `task ${name}`);
  return [{ name: `${name}.rayjob`, resource }];
}
