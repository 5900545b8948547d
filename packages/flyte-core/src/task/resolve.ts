import { show } from "../util/show.ts";
import { Cache, type CacheLike } from "../config/cache.ts";
import type { DurationInput } from "../config/duration.ts";
import { type ReusePolicy, isReusePolicy } from "../config/reuse-policy.ts";
import { RetryStrategy, type RetryStrategyOptions } from "../config/retry.ts";
import { type Secret, type SecretRequest, normalizeSecrets } from "../config/secret.ts";
import { Timeout, type TimeoutOptions } from "../config/timeout.ts";
import { ConfigError } from "../errors.ts";
import type { PluginConfig, TaskPlugin } from "../plugin/contract.ts";
import { pluginFor } from "../plugin/registry.ts";
import { PodTemplate, type PodTemplateOptions, isPodTemplate } from "../pod/pod-template.ts";
import { Resources, type ResourcesLike } from "../resources/resources.ts";
import { type IssueCollector, isPlainObject, zodIssues } from "../util/issues.ts";

// Shared checks and conversions of the settings that environments, tasks and overrides accept.

export type PodTemplateLike = PodTemplate | PodTemplateOptions | string;
export type RetriesLike = number | RetryStrategy | RetryStrategyOptions;
export type TimeoutLike = DurationInput | Timeout | TimeoutOptions;

export function resolveResources(issues: IssueCollector, value: ResourcesLike | undefined, path = "resources"): Resources | undefined {
  if (value === undefined) return undefined;
  return issues.nested([path], () => Resources.from(value));
}

export function resolveEnvVars(issues: IssueCollector, value: unknown, path = "envVars"): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    issues.add([path], "must be an object of string values");
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") issues.add([path, key], `must be a string, got ${typeof v}`);
    if (key === "" || key.includes("=")) issues.add([path, key], "is not a valid environment variable name");
  }
  return Object.freeze({ ...(value as Record<string, string>) });
}

export function resolveSecrets(issues: IssueCollector, value: SecretRequest | undefined, path = "secrets"): Secret[] {
  return issues.nested([path], () => normalizeSecrets(value)) ?? [];
}

/** A Kubernetes service account name; "" is accepted and means none, as in the reference. */
export function resolveServiceAccount(issues: IssueCollector, value: unknown, path = "serviceAccount"): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    issues.add([path], `must be a string (a Kubernetes service account name), got ${typeof value}`);
    return undefined;
  }
  return value;
}

export function resolvePodTemplate(issues: IssueCollector, value: PodTemplateLike | undefined, path = "podTemplate"): PodTemplate | string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") {
    if (value === "") issues.add([path], "a named pod template must not be empty");
    return value;
  }
  const template = isPodTemplate(value) ? value : issues.nested([path], () => new PodTemplate(value as PodTemplateOptions));
  if (template) checkPrimaryContainer(issues, template, path);
  return template;
}

// A task's pod spec that lists containers must list the primary one (an empty list gets it added when
// serialized): serializing, and each engine's renderer, would refuse it later. (An engine's own pod
// templates, such as a Ray node's, name their containers differently and are not checked here.)
function checkPrimaryContainer(issues: IssueCollector, template: PodTemplate, path: string): void {
  const names = template.podSpec.containers.map((c) => c.name);
  const name = template.primaryContainerName;
  if (names.length > 0 && !names.includes(name)) {
    issues.add([path, "primaryContainerName"], `No primary container defined in the pod spec. You must define a primary container with the name '${name}'. (The containers are ${names.map((n) => `'${n}'`).join(", ")}; or set primaryContainerName.)`);
  }
}

export function resolveCache(issues: IssueCollector, value: CacheLike | undefined, path = "cache"): Cache | undefined {
  if (value === undefined) return undefined;
  return issues.nested([path], () => Cache.from(value));
}

export function resolveRetries(issues: IssueCollector, value: RetriesLike | undefined, path = "retries"): RetryStrategy | undefined {
  if (value === undefined) return undefined;
  return issues.nested([path], () => RetryStrategy.from(value));
}

export function resolveTimeout(issues: IssueCollector, value: TimeoutLike | undefined, path = "timeout"): Timeout | undefined {
  if (value === undefined) return undefined;
  return issues.nested([path], () => Timeout.from(value));
}

export function resolveReusable(issues: IssueCollector, value: unknown, path = "reusable"): ReusePolicy | undefined {
  if (value === undefined) return undefined;
  if (!isReusePolicy(value)) {
    issues.add([path], "must be a ReusePolicy (new ReusePolicy({ replicas, idleTtl, ... }))");
    return undefined;
  }
  return value;
}

export function resolveBoolean(issues: IssueCollector, value: unknown, path: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") issues.add([path], `must be true or false, got ${show(value)}`);
  return value as boolean;
}

/** The plugin of a config, with the config validated by the plugin's schema (issues under `pluginConfig`). */
export function resolvePlugin(
  issues: IssueCollector,
  config: PluginConfig | undefined,
): { plugin: TaskPlugin; config: PluginConfig } | undefined {
  if (config === undefined) return undefined;
  const plugin = pluginFor(config);
  const result = plugin.configSchema.safeParse(config);
  if (!result.success) {
    for (const issue of zodIssues(result.error)) issues.add(["pluginConfig", ...issue.path], issue.message);
    return undefined;
  }
  return { plugin, config: result.data as PluginConfig };
}

export function pluginIssues(issues: IssueCollector, plugin: TaskPlugin | undefined, settings: Parameters<NonNullable<TaskPlugin["validateTask"]>>[0], config: PluginConfig | undefined): void {
  if (!plugin?.validateTask || config === undefined) return;
  for (const issue of plugin.validateTask(settings, config)) issues.add(issue.path, issue.message);
}

export function throwIfAny(issues: IssueCollector, subject: string): void {
  if (issues.issues.length > 0) throw new ConfigError(subject, issues.issues);
}
