import type { ResourcesLike } from "@flyte-ts/core";
import type { UpscalingMode } from "./upscaling-mode.ts";

export interface AutoscalerOptionsOptions {
  /** "DEFAULT", "AGGRESSIVE" or "CONSERVATIVE" (the `UpscalingMode` constants); unset = KubeRay's default. */
  upscalingMode?: UpscalingMode;
  /** Seconds a node stays idle before the autoscaler removes it (> 0). */
  idleTimeoutSeconds?: number;
  /** Image of the autoscaler sidecar (default: KubeRay's). */
  image?: string;
  /** Environment variables of the autoscaler sidecar. */
  env?: Record<string, string>;
  /** Resources of the autoscaler sidecar; cpu/memory may be [request, limit] pairs. */
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
