import type { PluginConfig } from "@flyte-ts/core";
import type { AutoscalerOptions, AutoscalerOptionsOptions } from "./autoscaler-options.ts";
import type { HeadNodeConfig, HeadNodeConfigOptions } from "./head-node-config.ts";
import type { WorkerNodeConfig, WorkerNodeConfigOptions } from "./worker-node-config.ts";

export const RAY_JOB_CONFIG_KIND = "@flyte-ts/plugin-ray#RayJobConfig";

export interface RayJobConfigOptions {
  /** Worker groups, in order (default none: a head-only cluster). */
  workerNodeConfig?: readonly (WorkerNodeConfig | WorkerNodeConfigOptions)[];
  headNodeConfig?: HeadNodeConfig | HeadNodeConfigOptions;
  /** Turns on KubeRay's in-tree autoscaler; worker groups then scale between min and max replicas. */
  enableAutoscaling?: boolean;
  autoscalerOptions?: AutoscalerOptions | AutoscalerOptionsOptions;
  /** Ray runtime environment of the job (pip, env_vars, working_dir, …), a JSON object. */
  runtimeEnv?: Record<string, unknown>;
  /** Address the task body's Ray driver connects to (given to the body by the pre hook; not serialized). */
  address?: string;
  /** Delete the cluster when the job finishes (then ttlSecondsAfterFinished applies). */
  shutdownAfterJobFinishes?: boolean;
  /** Seconds to keep the cluster after the job finishes; needs shutdownAfterJobFinishes. */
  ttlSecondsAfterFinished?: number;
}

/** Makes the tasks of a TaskEnvironment Ray jobs: `new TaskEnvironment({ ..., pluginConfig: new RayJobConfig({...}) })`. */
export class RayJobConfig implements PluginConfig {
  readonly kind = RAY_JOB_CONFIG_KIND;
  readonly workerNodeConfig: readonly (WorkerNodeConfig | WorkerNodeConfigOptions)[] | undefined;
  readonly headNodeConfig: HeadNodeConfig | HeadNodeConfigOptions | undefined;
  readonly enableAutoscaling: boolean | undefined;
  readonly autoscalerOptions: AutoscalerOptions | AutoscalerOptionsOptions | undefined;
  readonly runtimeEnv: Readonly<Record<string, unknown>> | undefined;
  readonly address: string | undefined;
  readonly shutdownAfterJobFinishes: boolean | undefined;
  readonly ttlSecondsAfterFinished: number | undefined;

  constructor(options: RayJobConfigOptions = {}) {
    this.workerNodeConfig = undefined;
    this.headNodeConfig = undefined;
    this.enableAutoscaling = undefined;
    this.autoscalerOptions = undefined;
    this.runtimeEnv = undefined;
    this.address = undefined;
    this.shutdownAfterJobFinishes = undefined;
    this.ttlSecondsAfterFinished = undefined;
    // Unknown keys are kept so that the plugin's schema reports them with their path.
    Object.assign(this, options);
    Object.freeze(this);
  }
}
