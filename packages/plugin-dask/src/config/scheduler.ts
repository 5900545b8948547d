import type { ResourcesLike } from "@flyte-ts/core";

/** Options of {@link Scheduler}, checked when a task is declared (paths under `pluginConfig.scheduler`); any other key is refused. */
export interface SchedulerOptions {
  /**
   * Image of the scheduler pod.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: the task's image
   */
  image?: string;
  /**
   * Resources of the scheduler pod, replacing the task's (cpu/memory may be [request, limit] pairs).
   *
   * Validation: a Resources or its options (see ResourcesOptions in @flyte-ts/core) without `gpu` (the backend would pass it on as an invalid resource name; request GPUs in the task's resources) and without `shm`.
   *
   * @defaultValue `undefined`: the task's resources
   */
  resources?: ResourcesLike;
}

/** The Dask scheduler pod. Checked by the plugin when a TaskEnvironment uses it. */
export class Scheduler {
  readonly image: string | undefined;
  readonly resources: ResourcesLike | undefined;

  constructor(options: SchedulerOptions = {}) {
    this.image = undefined;
    this.resources = undefined;
    // Unknown keys are kept on purpose: the plugin's schema reports a typo with its path.
    Object.assign(this, options);
    Object.freeze(this);
  }
}
