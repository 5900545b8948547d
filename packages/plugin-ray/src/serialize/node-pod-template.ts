// A Ray node's K8sPod: the group's requests/limits written into its pod template, as the reference's
// _build_node_pod_template does (python-sdk-behaviour §3.3.4).
import { type K8sPodJson, type PodTemplate, Resources, podSpecFromResources, type JsonObject } from "@flyte-ts/core";

export const HEAD_CONTAINER = "ray-head";
export const WORKER_CONTAINER = "ray-worker";

type ResourceMaps = { requests?: Record<string, string | number>; limits?: Record<string, string | number> };

/** Resources minus shm, which is a volume (extendedResources) rather than a container resource. */
function withoutShm(res: Resources | undefined): Resources | undefined {
  if (res === undefined || res.shm === undefined) return res;
  return new Resources({ cpu: res.cpu, memory: res.memory as string | undefined, gpu: res.gpu, disk: res.disk });
}

/**
 * The node's K8sPod JSON, or undefined when it has neither a template nor resources. Without a
 * template, the pod has one container named after the role; with one, the resources go into the
 * container of that name, else the only container, else a new container appended at the end. The
 * template's other settings and its primary container name are kept.
 */
export function nodePodTemplate(
  containerName: string,
  template: PodTemplate | undefined,
  requests: Resources | undefined,
  limits: Resources | undefined,
): K8sPodJson | undefined {
  if (requests === undefined && limits === undefined) return template?.toK8sPod();
  const derived = podSpecFromResources({ primaryContainerName: containerName, requests: withoutShm(requests), limits: withoutShm(limits) })
    .containers[0].resources as ResourceMaps;
  if (template === undefined) {
    return { metadata: {}, podSpec: { containers: [{ name: containerName, resources: derived as JsonObject }] }, primaryContainerName: containerName };
  }
  const pod = template.toK8sPod();
  const containers = pod.podSpec.containers;
  let target = containers.find((c) => c.name === containerName) ?? (containers.length === 1 ? containers[0] : undefined);
  if (target === undefined) {
    target = { name: containerName };
    containers.push(target);
  }
  const existing = (target.resources ?? {}) as ResourceMaps;
  const merged: ResourceMaps = {};
  const requestsMap = { ...existing.requests, ...derived.requests };
  const limitsMap = { ...existing.limits, ...derived.limits };
  if (Object.keys(requestsMap).length > 0) merged.requests = requestsMap;
  if (Object.keys(limitsMap).length > 0) merged.limits = limitsMap;
  // As in the reference, other resource fields (e.g. claims) of that container are not carried over.
  target.resources = merged as JsonObject;
  return pod;
}
