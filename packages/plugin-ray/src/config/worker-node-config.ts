import type { PodTemplate, PodTemplateOptions, ResourcesLike } from "@flyte-ts/core";

/**
 * Options of {@link WorkerNodeConfig}, checked when a task is declared (paths under
 * `pluginConfig.workerNodeConfig[i]`); any other key is refused.
 */
export interface WorkerNodeConfigOptions {
  /**
   * Required. Name of the worker group, used in pod names.
   *
   * Validation: a lower-case DNS label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`) of at most 63 characters,
   * unique within the cluster.
   */
  groupName: string;
  /**
   * Required. Workers started with the cluster.
   *
   * Validation: an integer from 0 to 2147483647 (int32), within `[minReplicas, maxReplicas]` when those
   * are given (the backend would move the bounds silently).
   */
  replicas: number;
  /**
   * Lower bound for the autoscaler.
   *
   * Validation: an integer from 0 to 2147483647, at most `maxReplicas` and `replicas`.
   *
   * @defaultValue `0`
   */
  minReplicas?: number;
  /**
   * Upper bound for the autoscaler.
   *
   * Validation: an integer from 0 to 2147483647, at least `replicas`; required with `enableAutoscaling`.
   *
   * @defaultValue `undefined`: `replicas` (the group never grows)
   */
  maxReplicas?: number;
  /**
   * Extra `ray start` parameters of the workers (values are strings).
   *
   * Validation: string keys and values; keys are lower-case words joined by `-` or `_` without leading dashes (KubeRay adds `--`); `labels`, `head` and `address` are refused (KubeRay sets them).
   *
   * @defaultValue `undefined`: KubeRay's parameters only
   */
  rayStartParams?: Record<string, string>;
  /**
   * Pod template of the worker pods; `requests`/`limits` are written into its `ray-worker` container.
   *
   * Validation: a PodTemplate or its options (a cluster template's name is refused per node group).
   *
   * @defaultValue `undefined`: the task's pod settings
   */
  podTemplate?: PodTemplate | PodTemplateOptions;
  /**
   * Worker container requests; a typed GPU (e.g. "A100:1") selects its nodes, `shm` becomes the group's
   * shared-memory volume.
   *
   * Validation: a Resources or its options (see ResourcesOptions in @flyte-ts/core); cpu and memory are single values, not [request, limit] pairs.
   *
   * @defaultValue `undefined`: mirrors `limits`, or the task's resources when neither is given
   */
  requests?: ResourcesLike;
  /**
   * Worker container limits; when only one of requests/limits is given, the other mirrors it.
   *
   * Validation: a Resources or its options (see ResourcesOptions in @flyte-ts/core); cpu and memory are single values, not [request, limit] pairs; no `shm` (set it in requests); a typed GPU only here is refused.
   *
   * @defaultValue `undefined`: mirrors `requests`, or the task's resources when neither is given
   */
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
