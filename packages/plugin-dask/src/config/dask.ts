import type { PluginConfig } from "@flyte-ts/core";
import { Scheduler, type SchedulerOptions } from "./scheduler.ts";
import { WorkerGroup, type WorkerGroupOptions } from "./worker-group.ts";

export const DASK_CONFIG_KIND = "@flyte-ts/plugin-dask#Dask";

export interface DaskOptions {
  /** Default: `new Scheduler()` (the task's image and resources). */
  scheduler?: Scheduler | SchedulerOptions;
  /** Default: `new WorkerGroup()` (one worker). */
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
