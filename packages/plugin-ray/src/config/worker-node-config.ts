import type { PodTemplate, PodTemplateOptions, ResourcesLike } from "@flyte-ts/core";

export interface WorkerNodeConfigOptions {
  /** Name of the worker group: a lower-case DNS label, unique within the cluster. */
  groupName: string;
  /** Workers started with the cluster. */
  replicas: number;
  /** Lower bound for the autoscaler (default: replicas' lower clamp, 0). */
  minReplicas?: number;
  /** Upper bound for the autoscaler. */
  maxReplicas?: number;
  /** Extra `ray start` parameters of the workers (values are strings). */
  rayStartParams?: Record<string, string>;
  /** Pod template of the worker pods; `requests`/`limits` are written into its `ray-worker` container. */
  podTemplate?: PodTemplate | PodTemplateOptions;
  /** Worker container requests (single values); a typed GPU (e.g. "A100:1") selects its nodes. */
  requests?: ResourcesLike;
  /** Worker container limits; when only one of requests/limits is given, the other mirrors it. */
  limits?: ResourcesLike;
}

/** One group of identical Ray worker pods. Checked by the plugin when a TaskEnvironment uses it. */
export class WorkerNodeConfig {
  readonly groupName: string;
  readonly replicas: number;
  readonly minReplicas: number | undefined;
  readonly maxReplicas: number | undefined;
  readonly rayStartParams: Readonly<Record<string, string>> | undefined;
  readonly podTemplate: PodTemplate | PodTemplateOptions | undefined;
  readonly requests: ResourcesLike | undefined;
  readonly limits: ResourcesLike | undefined;

  constructor(options: WorkerNodeConfigOptions) {
    this.groupName = options?.groupName;
    this.replicas = options?.replicas;
    this.minReplicas = undefined;
    this.maxReplicas = undefined;
    this.rayStartParams = undefined;
    this.podTemplate = undefined;
    this.requests = undefined;
    this.limits = undefined;
    // Unknown keys are kept so that the plugin's schema reports them with their path.
    Object.assign(this, options);
    Object.freeze(this);
  }
}
