import { FlyteTsError, PRIMARY_CONTAINER_NAME_FIELD } from "@flyte-ts/core";

type Json = Record<string, unknown>;

/** The parts of a serialized TaskTemplate (proto JSON) that the backend's Spark plugin reads. */
export interface TemplateParts {
  readonly taskName: string;
  readonly custom: Json;
  /** The primary container as Kubernetes JSON (`env` as `{name, value}`, resources as maps). */
  readonly primary: Json;
  /** The task's own pod spec when its target is a k8sPod (primary container inside). */
  readonly podSpec: Json | undefined;
  readonly primaryName: string | undefined;
  readonly maxAttempts: number;
  readonly serviceAccount: string | undefined;
}

const RESOURCE_NAMES: Record<string, string> = { CPU: "cpu", MEMORY: "memory", GPU: "nvidia.com/gpu", EPHEMERAL_STORAGE: "ephemeral-storage" };

/** Reads a TaskSpec (or a bare TaskTemplate) in proto JSON. */
export function readTemplateParts(taskSpec: Json): TemplateParts {
  const template = (taskSpec.taskTemplate ?? taskSpec) as Json;
  const id = (template.id ?? {}) as Json;
  const taskName = typeof id.name === "string" ? id.name : "task";
  const custom = template.custom as Json | undefined;
  if (!custom || typeof custom !== "object") {
    throw new FlyteTsError("SERIALIZATION", `task ${taskName} has no custom: the backend refuses it ("nil Struct Object passed")`);
  }
  const retries = ((template.metadata as Json | undefined)?.retries as Json | undefined)?.retries;
  const runAs = ((template.securityContext as Json | undefined)?.runAs ?? {}) as Json;
  const common = {
    taskName,
    custom,
    maxAttempts: (typeof retries === "number" ? retries : 0) + 1,
    serviceAccount: typeof runAs.k8sServiceAccount === "string" && runAs.k8sServiceAccount !== "" ? runAs.k8sServiceAccount : undefined,
  };
  if (template.container) return { ...common, primary: containerToKubernetes(template.container as Json), podSpec: undefined, primaryName: undefined };
  const pod = template.k8sPod as Json | undefined;
  const podSpec = pod?.podSpec as Json | undefined;
  if (podSpec) {
    const primaryName = ((template.config ?? {}) as Json)[PRIMARY_CONTAINER_NAME_FIELD];
    const containers = (podSpec.containers ?? []) as Json[];
    const primary = containers.find((c) => c.name === primaryName);
    if (typeof primaryName !== "string" || !primary) {
      throw new FlyteTsError("SERIALIZATION", `task ${taskName}: invalid TaskSpecification, primary container [${String(primaryName)}] not defined`);
    }
    return { ...common, primary, podSpec, primaryName };
  }
  throw new FlyteTsError("SERIALIZATION", `task ${taskName}: invalid TaskSpecification, unable to determine Pod configuration`);
}

function containerToKubernetes(container: Json): Json {
  const out: Json = { image: container.image };
  if (Array.isArray(container.args)) out.args = container.args;
  const env = ((container.env ?? []) as Json[]).map((e) => ({ name: e.key, value: e.value ?? "" }));
  if (env.length > 0) out.env = env;
  const resources = container.resources as { requests?: Json[]; limits?: Json[] } | undefined;
  if (resources) out.resources = { requests: toResourceMap(resources.requests), limits: toResourceMap(resources.limits) };
  return out;
}

function toResourceMap(entries: Json[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const name = RESOURCE_NAMES[String(entry.name)];
    // STORAGE and UNKNOWN are ignored by the backend, and zero values are dropped.
    if (name && typeof entry.value === "string" && !/^0+(\.0*)?[a-zA-Z]*$/.test(entry.value)) map[name] = entry.value;
  }
  return map;
}
