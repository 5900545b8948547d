// The pod the backend derives from a serialized task (flytek8s.ToK8sPodSpec, backend-contract §1.3),
// as far as it is known before a run: the task's image, args, env and resources in its primary
// container. Parts the platform adds at run time (injected env vars, default labels, accelerator node
// selectors) are left out of the preview.
type Json = Record<string, any>;

const RESOURCE_KEYS: Readonly<Record<string, string>> = { CPU: "cpu", MEMORY: "memory", GPU: "nvidia.com/gpu", EPHEMERAL_STORAGE: "ephemeral-storage" };
// flytek8s config: cpu 1000m, memory 1024Mi, written as Kubernetes writes those quantities.
const PLATFORM_DEFAULTS: Readonly<Record<string, string>> = { cpu: "1", memory: "1Gi" };
// The executor's ApplyResourceOverrides: cpu and memory get the platform defaults when neither is set;
// they, ephemeral storage and accelerators (nvidia.com/gpu) take a missing request from the limit and a
// missing limit from the request. Other names (a Dask role's untranslated "gpu") are left as given.
const MIRRORED = ["cpu", "memory", "ephemeral-storage", "nvidia.com/gpu"];

/** Kubernetes requests/limits from proto Resources, resolved as the executor does (see MIRRORED). */
export function kubernetesResources(proto: Json | undefined): { requests: Json; limits: Json } {
  const toMap = (entries: { name: string; value: string }[] | undefined) =>
    Object.fromEntries((entries ?? []).filter((e) => RESOURCE_KEYS[e.name]).map((e) => [RESOURCE_KEYS[e.name], e.value]));
  const requests: Json = toMap(proto?.requests);
  const limits: Json = toMap(proto?.limits);
  for (const key of MIRRORED) {
    if (requests[key] === undefined && limits[key] === undefined) {
      if (PLATFORM_DEFAULTS[key]) requests[key] = limits[key] = PLATFORM_DEFAULTS[key];
    } else if (requests[key] === undefined) requests[key] = limits[key];
    else if (limits[key] === undefined) limits[key] = requests[key];
  }
  return { requests, limits };
}

export interface TaskPod {
  spec: Json;
  primary: Json;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The task's pod spec and its primary container (a deep copy the caller may change). */
export function taskPod(template: Json): TaskPod {
  if (template.k8sPod) {
    const spec = structuredClone(template.k8sPod.podSpec) as Json;
    const name = template.config?.primary_container_name;
    const primary = (spec.containers as Json[]).find((c) => c.name === name);
    if (!primary) throw new Error(`primary container ${String(name)} not defined in the pod spec`);
    return { spec: flytePodDefaults(spec), primary, labels: { ...template.k8sPod.metadata?.labels }, annotations: { ...template.k8sPod.metadata?.annotations } };
  }
  const container = template.container as Json;
  const primary: Json = { name: "primary", image: container.image, args: [...(container.args ?? [])] };
  // An empty value is absent from the TaskSpec's JSON; the backend's EnvVar leaves it out too (omitempty).
  const env = (container.env ?? []).map((e: { key: string; value?: string }) => (e.value ? { name: e.key, value: e.value } : { name: e.key }));
  if (env.length > 0) primary.env = env;
  primary.resources = kubernetesResources(container.resources);
  primary.terminationMessagePolicy = "FallbackToLogsOnError";
  return { spec: flytePodDefaults({ containers: [primary] }), primary, labels: {}, annotations: {} };
}

/** What Flyte's pod builder sets on every pod it builds: restartPolicy Never unless the pod has one, no service links. */
function flytePodDefaults(spec: Json): Json {
  return { ...spec, restartPolicy: spec.restartPolicy ?? "Never", enableServiceLinks: false };
}

/** A Kubernetes object name from a task name: lower-case, '-' for other characters, at most `max` characters. */
export function objectName(taskName: string, max: number): string {
  const name = taskName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").slice(0, max).replace(/-+$/, "");
  return name || "task";
}

/** The shared-memory volume the backend mounts for `extendedResources.sharedMemory`. */
export function addSharedMemory(spec: Json, container: Json, shm: Json | undefined): void {
  if (!shm) return;
  const emptyDir: Json = { medium: "Memory" };
  if (shm.sizeLimit) emptyDir.sizeLimit = shm.sizeLimit;
  spec.volumes = [...(spec.volumes ?? []), { name: shm.mountName, emptyDir }];
  container.volumeMounts = [...(container.volumeMounts ?? []), { name: shm.mountName, mountPath: shm.mountPath }];
}
