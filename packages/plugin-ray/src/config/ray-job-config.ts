import type { PluginConfig } from "@flyte-ts/core";
import type { AutoscalerOptions, AutoscalerOptionsOptions } from "./autoscaler-options.ts";
import type { HeadNodeConfig, HeadNodeConfigOptions } from "./head-node-config.ts";
import type { WorkerNodeConfig, WorkerNodeConfigOptions } from "./worker-node-config.ts";

export const RAY_JOB_CONFIG_KIND = "@flyte-ts/plugin-ray#RayJobConfig";

/**
 * Options of {@link RayJobConfig}. They are checked when a task is declared, all at once and with their
 * paths under `pluginConfig`; any other key is refused.
 */
export interface RayJobConfigOptions {
  /**
   * Worker groups, in order.
   *
   * Validation: a list of WorkerNodeConfig or its options (see {@link WorkerNodeConfigOptions}); group
   * names are unique; with `enableAutoscaling`, every group gives `maxReplicas`.
   *
   * @defaultValue `[]`: a head-only cluster
   */
  workerNodeConfig?: readonly (WorkerNodeConfig | WorkerNodeConfigOptions)[];
  /**
   * The head pod.
   *
   * Validation: a HeadNodeConfig or its options (see {@link HeadNodeConfigOptions}).
   *
   * @defaultValue `undefined`: a head with the task's pod settings
   */
  headNodeConfig?: HeadNodeConfig | HeadNodeConfigOptions;
  /**
   * Turns on KubeRay's in-tree autoscaler; worker groups then scale between min and max replicas.
   *
   * Validation: a boolean; when true, every worker group needs `maxReplicas`.
   *
   * @defaultValue `false`
   */
  enableAutoscaling?: boolean;
  /**
   * Settings of the autoscaler.
   *
   * Validation: an AutoscalerOptions or its options (see {@link AutoscalerOptionsOptions}); only with
   * `enableAutoscaling: true`.
   *
   * @defaultValue `undefined`: KubeRay's defaults
   */
  autoscalerOptions?: AutoscalerOptions | AutoscalerOptionsOptions;
  /**
   * Ray runtime environment of the job (pip, env_vars, working_dir, …), a JSON object.
   *
   * Validation: an object with string keys and JSON values.
   *
   * @defaultValue `undefined`: no runtime environment
   */
  runtimeEnv?: Record<string, unknown>;
  /**
   * Address the task body's Ray driver connects to (given to the body by the pre hook; not serialized).
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: Ray finds the cluster (`RAY_ADDRESS` or the job's cluster)
   */
  address?: string;
  /**
   * Delete the cluster when the job finishes (then ttlSecondsAfterFinished applies).
   *
   * Validation: a boolean; must not be true in a reusable environment (the shared cluster outlives jobs).
   *
   * @defaultValue `false`
   */
  shutdownAfterJobFinishes?: boolean;
  /**
   * Seconds to keep the cluster after the job finishes.
   *
   * Validation: an integer from 0 to 2147483647; needs `shutdownAfterJobFinishes: true` and no reuse
   * policy (the backend would ignore it).
   *
   * @defaultValue `undefined`: the platform's TTL
   */
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
