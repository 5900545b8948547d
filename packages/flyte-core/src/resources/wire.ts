import { ConfigError } from "../errors.ts";
import { IssueCollector } from "../util/issues.ts";
import type { Device, DeviceClass } from "./devices.ts";
import { Resources, type ResourcesLike } from "./resources.ts";

/** Accelerator names as the backend's node selectors know them; names not listed pass through unchanged. */
export const ACCELERATOR_DEVICE_MAP: Readonly<Record<string, string>> = Object.freeze({
  A100: "nvidia-tesla-a100",
  A100_80G: "nvidia-a100-80gb",
  "A100 80G": "nvidia-a100-80gb",
  H100: "nvidia-tesla-h100",
  A10: "nvidia-a10",
  A10G: "nvidia-a10g",
  A100G: "nvidia-a100g",
  L4: "nvidia-l4",
  L40s: "nvidia-l40s",
  L4_VWS: "nvidia-l4-vws",
  K80: "nvidia-tesla-k80",
  M60: "nvidia-tesla-m60",
  P4: "nvidia-tesla-p4",
  P100: "nvidia-tesla-p100",
  RTX_PRO_4500: "nvidia-rtx-pro-4500",
  RTX_PRO_6000: "nvidia-rtx-pro-6000",
  "RTX PRO 6000": "nvidia-rtx-pro-6000",
  T4: "nvidia-tesla-t4",
  V100: "nvidia-tesla-v100",
  V5E: "tpu-v5-lite-podslice",
  V5P: "tpu-v5p-slice",
  V6E: "tpu-v6e-slice",
});

/**
 * `flyteidl2.core.GPUAccelerator.DeviceClass` by device class: the enum value's name, or its number where
 * the flyteidl2 schema predates it (APPLE_SILICON is 5, as the reference writes it).
 */
export const DEVICE_CLASS_PROTO_NAMES: Readonly<Record<DeviceClass, string | number>> = Object.freeze({
  GPU: "NVIDIA_GPU",
  TPU: "GOOGLE_TPU",
  NEURON: "AMAZON_NEURON",
  AMD_GPU: "AMD_GPU",
  HABANA_GAUDI: "HABANA_GAUDI",
  APPLE_SILICON: 5,
});

export type ResourceName = "CPU" | "MEMORY" | "GPU" | "EPHEMERAL_STORAGE";
export interface ResourceEntryJson {
  name: ResourceName;
  value: string;
}
/** Proto-JSON form of `flyteidl2.core.Resources` (empty lists omitted, as protobuf JSON does). */
export interface ProtoResourcesJson {
  requests?: ResourceEntryJson[];
  limits?: ResourceEntryJson[];
}
/** Proto-JSON form of `flyteidl2.core.ExtendedResources`. */
export interface ProtoExtendedResourcesJson {
  gpuAccelerator?: { device?: string; partitionSize?: string; deviceClass?: string | number };
  sharedMemory?: { mountPath: string; mountName: string; sizeLimit?: string };
}

// Resources are frozen: the accelerator string of one is parsed once, not once per part that needs it.
const devices = new WeakMap<Resources, Device | undefined>();

function deviceOf(resources: Resources): Device | undefined {
  if (resources.gpu === undefined || typeof resources.gpu === "number") return resources.device();
  let device = devices.get(resources);
  if (device === undefined) devices.set(resources, (device = resources.device()));
  return device;
}

const SHARED_MEMORY_MOUNT_PATH = "/dev/shm";
const SHARED_MEMORY_MOUNT_NAME = "flyte-shm";

/**
 * `flyteidl2.core.Resources` (proto JSON) for a task container: CPU, MEMORY, GPU, EPHEMERAL_STORAGE in
 * that order; a pair gives request and limit, a single value the request only; GPU and disk are
 * requests only; shared memory never appears here. Undefined when nothing is requested.
 */
export function getProtoResources(resources: ResourcesLike | undefined): ProtoResourcesJson | undefined {
  if (resources === undefined) return undefined;
  const res = Resources.from(resources);
  const requests: ResourceEntryJson[] = [];
  const limits: ResourceEntryJson[] = [];
  const add = (name: ResourceName, value: unknown) => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      requests.push({ name, value: String(value[0]) });
      limits.push({ name, value: String(value[1]) });
    } else {
      requests.push({ name, value: String(value) });
    }
  };
  add("CPU", res.cpu);
  add("MEMORY", res.memory);
  const device = deviceOf(res);
  if (device) add("GPU", String(device.quantity));
  add("EPHEMERAL_STORAGE", res.disk);
  if (requests.length === 0 && limits.length === 0) return undefined;
  const out: ProtoResourcesJson = {};
  if (requests.length > 0) out.requests = requests;
  if (limits.length > 0) out.limits = limits;
  return out;
}

/**
 * `flyteidl2.core.ExtendedResources` (proto JSON): the accelerator type (not for a plain GPU count) and
 * the shared memory volume. Undefined when neither applies.
 */
export function getProtoExtendedResources(resources: ResourcesLike | undefined): ProtoExtendedResourcesJson | undefined {
  if (resources === undefined) return undefined;
  const res = Resources.from(resources);
  const out: ProtoExtendedResourcesJson = {};
  const device = typeof res.gpu === "number" ? undefined : deviceOf(res);
  if (device) {
    if (device.device === undefined) {
      throw new ConfigError("Resources", [{ path: ["gpu", "device"], message: "Device type must be specified for GPU string." }]);
    }
    const accelerator: NonNullable<ProtoExtendedResourcesJson["gpuAccelerator"]> = {
      // Own keys only: a custom device named e.g. "toString" passes through unchanged.
      device: Object.hasOwn(ACCELERATOR_DEVICE_MAP, device.device) ? ACCELERATOR_DEVICE_MAP[device.device]! : device.device,
    };
    if (device.partition) accelerator.partitionSize = device.partition;
    const deviceClass = DEVICE_CLASS_PROTO_NAMES[device.deviceClass] ?? "NVIDIA_GPU";
    if (deviceClass !== "NVIDIA_GPU") accelerator.deviceClass = deviceClass;
    out.gpuAccelerator = accelerator;
  }
  const shm = res.sharedMemory();
  if (shm !== undefined) {
    out.sharedMemory = { mountPath: SHARED_MEMORY_MOUNT_PATH, mountName: SHARED_MEMORY_MOUNT_NAME };
    if (shm !== "") out.sharedMemory.sizeLimit = shm;
  }
  return out.gpuAccelerator || out.sharedMemory ? out : undefined;
}

/**
 * Environment variables that tell the runtime to run a `gpu: "AppleSilicon"` task natively on the Mac,
 * as the reference adds them; none when the task asks to stay in its container
 * (`FLYTE_APPLE_SILICON_EXECUTION=container`). The reference also lists the image's Python packages to
 * install on the Mac; an image given by URI (the only kind flyte-ts has) lists none: "[]".
 */
export function appleSiliconExecutionEnv(
  resources: ResourcesLike | undefined,
  envVars: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const device = resources === undefined ? undefined : deviceOf(Resources.from(resources));
  if (device?.deviceClass !== "APPLE_SILICON") return {};
  if ((envVars?.FLYTE_APPLE_SILICON_EXECUTION ?? "host") === "container") return {};
  return { _F_APPLE_SILICON_EXECUTION: "host", _F_APPLE_SILICON_HOST_PACKAGES: "[]" };
}

export type K8sResourceMap = Record<string, string | number>;

export interface PodSpecFromResourcesOptions {
  primaryContainerName?: string;
  requests?: ResourcesLike;
  limits?: ResourcesLike;
  /** Kubernetes resource name used for every accelerator; defaults to "nvidia.com/gpu". */
  k8sGpuResourceKey?: string;
}

/**
 * A Kubernetes pod spec (JSON) with one container, `primaryContainerName`, whose requests and limits
 * come from two `Resources`; a side that is absent mirrors the other. Values are single values, not
 * pairs; cpu and memory are copied as given (a number stays a number), the accelerator count is a string
 * (`gpu: 0` stays the number 0, as in the reference). `disk` becomes `ephemeral-storage`; `shm` is left
 * out, as the reference does: shared memory is a volume (the task's extended resources), not a container
 * resource.
 */
export function podSpecFromResources(options: PodSpecFromResourcesOptions = {}): {
  containers: [{ name: string; resources: { requests?: K8sResourceMap; limits?: K8sResourceMap } }];
} {
  const name = options.primaryContainerName ?? "primary";
  const gpuKey = options.k8sGpuResourceKey ?? "nvidia.com/gpu";
  const issues = new IssueCollector();
  const requests = issues.nested(["requests"], () => toK8sResourceMap(options.requests, gpuKey));
  const limits = issues.nested(["limits"], () => toK8sResourceMap(options.limits, gpuKey));
  issues.throwIfAny("resources");
  const req = requests && Object.keys(requests).length > 0 ? requests : undefined;
  const lim = limits && Object.keys(limits).length > 0 ? limits : undefined;
  const effectiveRequests = req ?? lim;
  const effectiveLimits = lim ?? req;
  const resources: { requests?: K8sResourceMap; limits?: K8sResourceMap } = {};
  if (effectiveRequests) resources.requests = { ...effectiveRequests };
  if (effectiveLimits) resources.limits = { ...effectiveLimits };
  return { containers: [{ name, resources }] };
}

function toK8sResourceMap(value: ResourcesLike | undefined, gpuKey: string): K8sResourceMap | undefined {
  if (value === undefined) return undefined;
  const res = Resources.from(value);
  const issues = new IssueCollector();
  for (const field of ["cpu", "memory"] as const) {
    if (Array.isArray(res[field])) {
      issues.add([field], `${field} must be a single value here, not a [request, limit] pair: requests and limits are given separately`);
    }
  }
  issues.throwIfAny("Resources");
  const map: K8sResourceMap = {};
  if (res.cpu !== undefined) map.cpu = res.cpu as string | number;
  if (res.memory !== undefined) map.memory = res.memory as string;
  const device = deviceOf(res);
  if (device) map[gpuKey] = String(device.quantity);
  else if (res.gpu === 0) map[gpuKey] = 0;
  if (res.disk !== undefined) map["ephemeral-storage"] = res.disk;
  return map;
}
