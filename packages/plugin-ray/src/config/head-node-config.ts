import type { PodTemplate, PodTemplateOptions, ResourcesLike } from "@flyte-ts/core";

/** Options of {@link HeadNodeConfig}, checked when a task is declared (paths under `pluginConfig.headNodeConfig`); any other key is refused. */
export interface HeadNodeConfigOptions {
  /**
   * Extra `ray start` parameters of the head, e.g. `{ "num-cpus": "0" }` (values are strings).
   *
   * Validation: string keys and values; keys are lower-case words joined by `-` or `_` without leading dashes (KubeRay adds `--`); `labels`, `head` and `address` are refused (KubeRay sets them).
   *
   * @defaultValue `undefined`: KubeRay's parameters only
   */
  rayStartParams?: Record<string, string>;
  /**
   * Pod template of the head pod; `requests`/`limits` are written into its `ray-head` container.
   *
   * Validation: a PodTemplate or its options (a cluster template's name is refused per node group).
   *
   * @defaultValue `undefined`: the task's pod settings
   */
  podTemplate?: PodTemplate | PodTemplateOptions;
  /**
   * Head container requests; a typed GPU selects its nodes, `shm` becomes the head's shared-memory volume.
   *
   * Validation: a Resources or its options (see ResourcesOptions in @flyte-ts/core); cpu and memory are single values, not [request, limit] pairs.
   *
   * @defaultValue `undefined`: mirrors `limits`, or the task's resources when neither is given
   */
  requests?: ResourcesLike;
  /**
   * Head container limits; when only one of requests/limits is given, the other mirrors it.
   *
   * Validation: a Resources or its options (see ResourcesOptions in @flyte-ts/core); cpu and memory are single values, not [request, limit] pairs; no `shm` (set it in requests); a typed GPU only here is refused (the backend
   * reads the accelerator from requests).
   *
   * @defaultValue `undefined`: mirrors `requests`, or the task's resources when neither is given
   */
  limits?: ResourcesLike;
}

/** The Ray head pod. Checked by the plugin when a TaskEnvironment uses it, with field paths. */
export class HeadNodeConfig {
  readonly rayStartParams: Readonly<Record<string, string>> | undefined;
  readonly podTemplate: PodTemplate | PodTemplateOptions | undefined;
  readonly requests: ResourcesLike | undefined;
  readonly limits: ResourcesLike | undefined;

  constructor(options: HeadNodeConfigOptions = {}) {
    this.rayStartParams = undefined;
    this.podTemplate = undefined;
    this.requests = undefined;
    this.limits = undefined;
    // Unknown keys are kept on purpose: the plugin's schema then reports a typo with its path
    // instead of dropping the setting.
    Object.assign(this, options);
    Object.freeze(this);
  }
}
