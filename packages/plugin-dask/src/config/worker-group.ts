import type { ResourcesLike } from "@flyte-ts/core";

export interface WorkerGroupOptions {
  /** Workers to start (a positive integer, default 1). */
  numberOfWorkers?: number;
  /** Image of the worker pods (default: the task's image). */
  image?: string;
  /** Resources of each worker pod, replacing the task's (cpu/memory may be [request, limit] pairs; no GPUs). */
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
