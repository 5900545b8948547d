import type { ResourcesLike } from "@flyte-ts/core";

export interface SchedulerOptions {
  /** Image of the scheduler pod (default: the task's image). */
  image?: string;
  /** Resources of the scheduler pod, replacing the task's (cpu/memory may be [request, limit] pairs; no GPUs). */
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
