import type { PluginConfig } from "@flyte-ts/core";
import { Scheduler, type SchedulerOptions } from "./scheduler.ts";
import { WorkerGroup, type WorkerGroupOptions } from "./worker-group.ts";

export const DASK_CONFIG_KIND = "@flyte-ts/plugin-dask#Dask";

/**
 * Options of {@link Dask}. They are checked when a task is declared, all at once and with their paths
 * under `pluginConfig`; any other key is refused.
 */
export interface DaskOptions {
  /**
   * The scheduler pod.
   *
   * Validation: a Scheduler or its options (see {@link SchedulerOptions}).
   *
   * @defaultValue `new Scheduler()`: the task's image and resources
   */
  scheduler?: Scheduler | SchedulerOptions;
  /**
   * The worker pods.
   *
   * Validation: a WorkerGroup or its options (see {@link WorkerGroupOptions}).
   *
   * @defaultValue `new WorkerGroup()`: one worker with the task's image and resources
   */
  workers?: WorkerGroup | WorkerGroupOptions;
}

/** Makes the tasks of a TaskEnvironment Dask jobs: `new TaskEnvironment({ ..., pluginConfig: new Dask({...}) })`. */
export class Dask implements PluginConfig {
  readonly kind = DASK_CONFIG_KIND;
  readonly scheduler: Scheduler | SchedulerOptions;
  readonly workers: WorkerGroup | WorkerGroupOptions;

  constructor(options: DaskOptions = {}) {
    // Fresh defaults per instance, as the reference's dataclass factories.
    this.scheduler = new Scheduler();
    this.workers = new WorkerGroup();
    // Unknown keys are kept so that the plugin's schema reports them with their path.
    Object.assign(this, options);
    Object.freeze(this);
  }
}
