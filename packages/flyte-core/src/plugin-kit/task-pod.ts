// The pod the backend derives from a serialized task (flytek8s.ToK8sPodSpec, backend-contract §1.3),
// as far as it is known before a run: the task's image, args, env and resources in its primary
// container. Parts the platform adds at run time (injected env vars, default labels, accelerator node
// selectors) are left out: a render is a preview.
import { kubernetesResources, type ProtoResourceEntries } from "./kubernetes-resources.ts";

/** A Kubernetes object (or part of one) as plain JSON, built and changed in place by a render function. */
export type KubernetesJson = Record<string, any>;

/** The pod the backend builds for a task. Every part is a fresh copy the caller may change. */
export interface TaskPod {
  /** The pod spec, with the defaults of {@link withFlytePodDefaults}. */
  spec: KubernetesJson;
  /** The primary container: an element of `spec.containers`, so changing it changes `spec`. */
  primary: KubernetesJson;
  /** The labels of the task's pod template (empty without one). */
  labels: Record<string, string>;
  /** The annotations of the task's pod template (empty without one). */
  annotations: Record<string, string>;
}

interface TemplateContainer {
  image?: string;
  args?: string[];
  env?: { key: string; value?: string }[];
  resources?: ProtoResourceEntries;
}

/**
 * The pod the backend builds from a task's `TaskTemplate` (TaskSpec JSON, `taskSpec.taskTemplate`):
 * with a pod template (`k8sPod`), its pod spec with the primary container named by
 * `config.primary_container_name`; otherwise one container "primary" with the task container's image,
 * args, env and resources (see {@link kubernetesResources}) and `terminationMessagePolicy`
 * `FallbackToLogsOnError`.
 *
 * @throws Error when the pod template does not define the primary container it names.
 */
export function taskPod(template: KubernetesJson): TaskPod {
  if (template.k8sPod) {
    const spec = structuredClone(template.k8sPod.podSpec) as KubernetesJson;
    const name = template.config?.primary_container_name;
    const primary = (spec.containers as KubernetesJson[]).find((c) => c.name === name);
    if (!primary) throw new Error(`primary container ${String(name)} not defined in the pod spec`);
    return { spec: withFlytePodDefaults(spec), primary, labels: { ...template.k8sPod.metadata?.labels }, annotations: { ...template.k8sPod.metadata?.annotations } };
  }
  const container = template.container as TemplateContainer;
  const primary: KubernetesJson = { name: "primary", image: container.image, args: [...(container.args ?? [])] };
  // An empty value is absent from the TaskSpec's JSON; the backend's EnvVar leaves it out too (omitempty).
  const env = (container.env ?? []).map((e) => (e.value ? { name: e.key, value: e.value } : { name: e.key }));
  if (env.length > 0) primary.env = env;
  primary.resources = kubernetesResources(container.resources);
  primary.terminationMessagePolicy = "FallbackToLogsOnError";
  return { spec: withFlytePodDefaults({ containers: [primary] }), primary, labels: {}, annotations: {} };
}

/**
 * What Flyte's pod builder sets on every pod it builds: `restartPolicy` `Never` unless the spec has one,
 * and `enableServiceLinks` false. Returns a shallow copy of `spec` with both set (key order kept, so that
 * rendered YAML is stable).
 */
export function withFlytePodDefaults(spec: KubernetesJson): KubernetesJson {
  return { ...spec, restartPolicy: spec.restartPolicy ?? "Never", enableServiceLinks: false };
}
