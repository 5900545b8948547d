// The container resources the backend writes into the pods it builds from a task's proto Resources.

/** Proto `Resources` as TaskSpec JSON holds them: entries named CPU, MEMORY, GPU or EPHEMERAL_STORAGE. */
export interface ProtoResourceEntries {
  /** Requested amounts, e.g. `{ name: "CPU", value: "2" }`. */
  readonly requests?: readonly { readonly name: string; readonly value: string }[] | undefined;
  /** Limits, as `requests`. */
  readonly limits?: readonly { readonly name: string; readonly value: string }[] | undefined;
}

/** Kubernetes `requests` and `limits`, resource name to quantity. */
export interface KubernetesResources {
  /** The container's `resources.requests`, e.g. `{ cpu: "2", memory: "1Gi" }`. */
  requests: Record<string, string>;
  /** The container's `resources.limits`. */
  limits: Record<string, string>;
}

const RESOURCE_KEYS: Readonly<Record<string, string>> = { CPU: "cpu", MEMORY: "memory", GPU: "nvidia.com/gpu", EPHEMERAL_STORAGE: "ephemeral-storage" };
// flytek8s config: cpu 1000m, memory 1024Mi, written as Kubernetes writes those quantities.
const PLATFORM_DEFAULTS: Readonly<Record<string, string>> = { cpu: "1", memory: "1Gi" };
// The executor's ApplyResourceOverrides: cpu and memory get the platform defaults when neither is set;
// they, ephemeral storage and accelerators (nvidia.com/gpu) take a missing request from the limit and a
// missing limit from the request. Other names (a Dask role's untranslated "gpu") are left as given.
const MIRRORED = ["cpu", "memory", "ephemeral-storage", "nvidia.com/gpu"];

/**
 * Kubernetes requests and limits from proto Resources, resolved as the backend's executor does
 * (flytek8s ApplyResourceOverrides): cpu and memory default to `1` and `1Gi` when neither a request nor
 * a limit is set; cpu, memory, ephemeral storage and `nvidia.com/gpu` take a missing request from the
 * limit and a missing limit from the request. Entries with other names are dropped.
 *
 * @param proto - the proto Resources (TaskSpec JSON), or undefined for none.
 * @param gpuName - what a GPU entry becomes. The task's own resources are translated to
 *   `nvidia.com/gpu`; resources the backend copies as given (a Dask role's) keep the raw name `gpu`,
 *   which is then not mirrored.
 */
export function kubernetesResources(proto: ProtoResourceEntries | undefined, gpuName = "nvidia.com/gpu"): KubernetesResources {
  const name = (entry: string) => (entry === "GPU" ? gpuName : RESOURCE_KEYS[entry]);
  const toMap = (entries: ProtoResourceEntries["requests"]) =>
    Object.fromEntries((entries ?? []).filter((e) => name(e.name)).map((e) => [name(e.name), e.value])) as Record<string, string>;
  const requests = toMap(proto?.requests);
  const limits = toMap(proto?.limits);
  for (const key of MIRRORED) {
    if (requests[key] === undefined && limits[key] === undefined) {
      if (PLATFORM_DEFAULTS[key]) requests[key] = limits[key] = PLATFORM_DEFAULTS[key];
    } else if (requests[key] === undefined) requests[key] = limits[key]!;
    else if (limits[key] === undefined) limits[key] = requests[key];
  }
  return { requests, limits };
}
