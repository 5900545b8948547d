import type { PodTemplate, PodTemplateOptions, ResourcesLike } from "@flyte-ts/core";

export interface HeadNodeConfigOptions {
  /** Extra `ray start` parameters of the head, e.g. `{ "num-cpus": "0" }` (values are strings). */
  rayStartParams?: Record<string, string>;
  /** Pod template of the head pod; `requests`/`limits` are written into its `ray-head` container. */
  podTemplate?: PodTemplate | PodTemplateOptions;
  /** Head container requests (single values, no [request, limit] pairs); a typed GPU selects its nodes. */
  requests?: ResourcesLike;
  /** Head container limits; when only one of requests/limits is given, the other mirrors it. */
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
