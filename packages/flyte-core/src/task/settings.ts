import type { Cache } from "../config/cache.ts";
import type { ReusePolicy } from "../config/reuse-policy.ts";
import type { RetryStrategy } from "../config/retry.ts";
import type { Secret } from "../config/secret.ts";
import type { Timeout } from "../config/timeout.ts";
import type { PluginConfig, TaskPlugin } from "../plugin/contract.ts";
import type { PodTemplate } from "../pod/pod-template.ts";
import type { Resources } from "../resources/resources.ts";
import type { z } from "zod";

/** Everything about a task except its function, resolved from the environment and the task options. */
export interface TaskSettings {
  /** Full name, `<environment>.<function>`. */
  readonly name: string;
  readonly shortName: string;
  readonly environmentName: string;
  readonly environmentDescription: string | undefined;
  readonly image: string | undefined;
  readonly resources: Resources | undefined;
  readonly envVars: Readonly<Record<string, string>> | undefined;
  readonly secrets: readonly Secret[];
  /** Kubernetes service account the task's pods run as (`securityContext.runAs.k8sServiceAccount`). */
  readonly serviceAccount: string | undefined;
  /** A PodTemplate, or the name of one that exists in the cluster. */
  readonly podTemplate: PodTemplate | string | undefined;
  readonly pluginConfig: PluginConfig | undefined;
  readonly plugin: TaskPlugin | undefined;
  /** `TaskTemplate.type`: the plugin's, "python" for a plain container task (as the backend expects). */
  readonly taskType: string;
  readonly taskTypeVersion: number;
  readonly cache: Cache;
  readonly retries: RetryStrategy;
  readonly timeout: Timeout | undefined;
  readonly interruptible: boolean;
  readonly reusable: ReusePolicy | undefined;
  readonly docs: string | undefined;
  readonly report: boolean;
  readonly entrypoint: boolean;
  readonly producesArtifacts: boolean;
  readonly debuggable: boolean;
  readonly maxInlineIoBytes: number;
  readonly inputs: z.ZodObject | undefined;
  readonly output: z.ZodType | undefined;
  /** Source file that declared the task (used to locate it in the container). */
  readonly sourceFile: string | undefined;
  /** Source text of the function, for the cache version. */
  readonly sourceText: string;
}
