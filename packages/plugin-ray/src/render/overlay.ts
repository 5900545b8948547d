// The backend's overlay of a Ray group's K8sPod onto the pod it built (flytek8s.MergeOverlayPodSpecOntoBase,
// backend-contract §3.2): pod-level values override, maps merge, lists append; containers merge by name
// only, so an overlay container with another name is dropped; container resources merge key by key.
type Json = Record<string, any>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function merge(base: Json, overlay: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    if (Array.isArray(current) && Array.isArray(value)) out[key] = [...current, ...structuredClone(value)];
    else if (isObject(current) && isObject(value)) out[key] = merge(current, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

export function overlayPodSpec(base: Json, overlay: Json | undefined): Json {
  if (!overlay) return base;
  const { containers: overlayContainers = [], ...podFields } = overlay as { containers?: Json[] };
  const merged = merge({ ...base, containers: [] }, podFields);
  merged.containers = (base.containers as Json[]).map((container) => {
    const match = overlayContainers.find((c) => c.name === container.name);
    return match ? merge(container, match) : container;
  });
  return merged;
}
