import type { KubernetesJson } from "./task-pod.ts";

/** `TaskTemplate.extendedResources.sharedMemory` as TaskSpec JSON holds it. */
export interface SharedMemoryJson {
  /** The volume's name. */
  readonly mountName: string;
  /** Where the primary container mounts it, e.g. `/dev/shm`. */
  readonly mountPath: string;
  /** The volume's size limit, a Kubernetes quantity; none when unset. */
  readonly sizeLimit?: string | undefined;
}

/**
 * Adds the shared-memory volume the backend mounts for `extendedResources.sharedMemory`: an in-memory
 * `emptyDir` (with its size limit, when set) appended to `spec.volumes`, mounted into `container` at
 * `mountPath`. Does nothing when `shm` is undefined.
 */
export function addSharedMemory(spec: KubernetesJson, container: KubernetesJson, shm: SharedMemoryJson | undefined): void {
  if (!shm) return;
  const emptyDir: KubernetesJson = { medium: "Memory" };
  if (shm.sizeLimit) emptyDir.sizeLimit = shm.sizeLimit;
  spec.volumes = [...(spec.volumes ?? []), { name: shm.mountName, emptyDir }];
  container.volumeMounts = [...(container.volumeMounts ?? []), { name: shm.mountName, mountPath: shm.mountPath }];
}
