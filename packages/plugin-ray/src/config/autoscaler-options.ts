import type { ResourcesLike } from "@flyte-ts/core";
import type { UpscalingMode } from "./upscaling-mode.ts";

/**
 * Options of {@link AutoscalerOptions}, checked when a task is declared (paths under
 * `pluginConfig.autoscalerOptions`); any other key is refused. Only used with `enableAutoscaling`.
 */
export interface AutoscalerOptionsOptions {
  /**
   * How fast the autoscaler adds nodes: the `UpscalingMode` constants.
   *
   * Validation: one of `"DEFAULT"`, `"AGGRESSIVE"`, `"CONSERVATIVE"`.
   *
   * @defaultValue `undefined`: KubeRay's default
   */
  upscalingMode?: UpscalingMode;
  /**
   * Seconds a node stays idle before the autoscaler removes it.
   *
   * Validation: an integer from 1 to 2147483647 (0 would mean "not set" to the backend).
   *
   * @defaultValue `undefined`: KubeRay's default
   */
  idleTimeoutSeconds?: number;
  /**
   * Image of the autoscaler sidecar.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: KubeRay's image
   */
  image?: string;
  /**
   * Environment variables of the autoscaler sidecar.
   *
   * Validation: an object of string values.
   *
   * @defaultValue `undefined`
   */
  env?: Record<string, string>;
  /**
   * Resources of the autoscaler sidecar; cpu/memory may be [request, limit] pairs.
   *
   * Validation: a Resources or its options (see ResourcesOptions in @flyte-ts/core), without `shm`.
   *
   * @defaultValue `undefined`: KubeRay's defaults
   */
  resources?: ResourcesLike;
}

/** Settings of KubeRay's in-tree autoscaler. */
export class AutoscalerOptions {
  readonly upscalingMode: UpscalingMode | undefined;
  readonly idleTimeoutSeconds: number | undefined;
  readonly image: string | undefined;
  readonly env: Readonly<Record<string, string>> | undefined;
  readonly resources: ResourcesLike | undefined;

  constructor(options: AutoscalerOptionsOptions = {}) {
    this.upscalingMode = undefined;
    this.idleTimeoutSeconds = undefined;
    this.image = undefined;
    this.env = undefined;
    this.resources = undefined;
    // Unknown keys are kept so that the plugin's schema reports them with their path.
    Object.assign(this, options);
    Object.freeze(this);
  }
}
