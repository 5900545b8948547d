import type { ResourcesLike } from "@flyte-ts/core";

/** Options of {@link WorkerGroup}, checked when a task is declared (paths under `pluginConfig.workers`); any other key is refused. */
export interface WorkerGroupOptions {
  /**
   * Workers to start.
   *
   * Validation: an integer from 1 to 4294967295 (uint32).
   *
   * @defaultValue `1`
   */
  numberOfWorkers?: number;
  /**
   * Image of the worker pods.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: the task's image
   */
  image?: string;
  /**
   * Resources of each worker pod, replacing the task's (cpu/memory may be [request, limit] pairs).
   *
   * Validation: a Resources or its options (see ResourcesOptions in @flyte-ts/core) without `gpu` (the backend would pass it on as an invalid resource name; request GPUs in the task's resources) and without `shm`.
   *
   * @defaultValue `undefined`: the task's resources
   */
  resources?: ResourcesLike;
}

/** The Dask worker pods. Checked by the plugin when a TaskEnvironment uses it. */
export class WorkerGroup {
  readonly numberOfWorkers: number;
  readonly image: string | undefined;
  readonly resources: ResourcesLike | undefined;

  constructor(options: WorkerGroupOptions = {}) {
    this.numberOfWorkers = 1;
    this.image = undefined;
    this.resources = undefined;
    // Unknown keys are kept so that the plugin's schema reports them with their path.
    Object.assign(this, options);
    Object.freeze(this);
  }
}
