import { isWellFormedText } from "../util/text.ts";
import type { CacheLike } from "../config/cache.ts";
import type { ReusePolicy } from "../config/reuse-policy.ts";
import type { SecretRequest } from "../config/secret.ts";
import type { PluginConfig } from "../plugin/contract.ts";
import type { ResourcesLike } from "../resources/resources.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";
import { ConfigError } from "../errors.ts";
import {
  type PodTemplateLike, type RetriesLike, type TimeoutLike, pluginIssues, resolveBoolean, resolveCache, resolveEnvVars,
  resolvePlugin, resolvePodTemplate, resolveResources, resolveRetries, resolveReusable, resolveSecrets, resolveServiceAccount,
  resolveTimeout,
} from "./resolve.ts";
import type { TaskSettings } from "./settings.ts";

/**
 * Settings `task.override()` may replace. A key left out (or `undefined`) keeps the task's value; any
 * given value applies, `0` and `{}` included (the reference ignores "falsy" values instead). `name`,
 * `image`, `docs`, `inputs` and `output` cannot be overridden; any other key is refused.
 */
export interface TaskOverride {
  /**
   * Display name.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  shortName?: string;
  /**
   * Compute resources.
   *
   * Validation: as {@link ResourcesOptions}; not allowed while the task is reusable.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  resources?: ResourcesLike;
  /**
   * Cache of the task.
   *
   * Validation: as {@link CacheOptions}.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  cache?: CacheLike;
  /**
   * Retries of the task: a count, a RetryStrategy or its options.
   *
   * Validation: as {@link RetryStrategyOptions}.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  retries?: RetriesLike;
  /**
   * Timeout of the task: a duration (the maximum run time), a Timeout or its options.
   *
   * Validation: as {@link TimeoutOptions}.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  timeout?: TimeoutLike;
  /**
   * A ReusePolicy, or "off" to stop reusing.
   *
   * Validation: a {@link ReusePolicy} instance or `"off"`; while reusable, `resources`, `envVars`, `secrets`, `serviceAccount` and `podTemplate` cannot be overridden and `pluginConfig` must support reuse.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  reusable?: ReusePolicy | "off";
  /**
   * Environment variables (replacing the task's).
   *
   * Validation: an object of string values whose keys are non-empty and contain no `=`; not allowed while the task is reusable.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  envVars?: Record<string, string>;
  /**
   * Secrets (replacing the task's).
   *
   * Validation: each item as {@link SecretOptions}; not allowed while the task is reusable.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  secrets?: SecretRequest;
  /**
   * Kubernetes service account of the task's pods.
   *
   * Validation: a string; not allowed while the task is reusable.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  serviceAccount?: string;
  /**
   * Largest input or output passed inline, in bytes.
   *
   * Validation: a positive integer.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  maxInlineIoBytes?: number;
  /**
   * Pod template: a PodTemplate, its options or a cluster template's name.
   *
   * Validation: as {@link PodTemplateOptions}, or a non-empty name; not allowed while the task is reusable.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  podTemplate?: PodTemplateLike;
  /**
   * Whether the task may run on interruptible (spot) nodes.
   *
   * Validation: a boolean.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  interruptible?: boolean;
  /**
   * Whether the task is an entrypoint of a deployment.
   *
   * Validation: a boolean.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  entrypoint?: boolean;
  /**
   * Whether the task produces artifacts.
   *
   * Validation: a boolean.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  producesArtifacts?: boolean;
  /**
   * Whether the task produces a report.
   *
   * Validation: a boolean.
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  report?: boolean;
  /**
   * Another engine config: the copy becomes that plugin's task.
   *
   * Validation: a config with a registered plugin, checked by that plugin's schema and task rules (issues under `pluginConfig`).
   *
   * @defaultValue `undefined`: the task's value is kept
   */
  pluginConfig?: PluginConfig;
}

const OVERRIDE_KEYS = [
  "shortName", "resources", "cache", "retries", "timeout", "reusable", "envVars", "secrets", "maxInlineIoBytes", "podTemplate",
  "interruptible", "entrypoint", "producesArtifacts", "report", "pluginConfig", "serviceAccount",
] as const;
const FIXED: Record<string, string> = {
  name: "Name cannot be overridden",
  image: "Image cannot be overridden",
  docs: "Docs cannot be overridden",
  inputs: "Interface cannot be overridden",
  output: "Interface cannot be overridden",
  interface: "Interface cannot be overridden",
};
const REUSE_MESSAGE = (what: string) =>
  `Cannot override ${what} when reusable is set. Reusable tasks will use the parent env's ${what}. You can disable reusability and override ${what} if needed. (set reusable: "off")`;

/** The settings of a task after an override; throws a ConfigError listing every problem. */
export function applyOverride(settings: TaskSettings, options: TaskOverride): TaskSettings {
  if (!isPlainObject(options)) throw new ConfigError(`override of ${settings.name}`, [{ path: [], message: "expected an options object" }]);
  const issues = new IssueCollector();
  const unknown = Object.keys(options).filter((k) => !(OVERRIDE_KEYS as readonly string[]).includes(k));
  for (const key of unknown) {
    if (FIXED[key]) issues.add([key], FIXED[key]);
  }
  checkKnownKeys(issues, Object.fromEntries(unknown.filter((k) => !FIXED[k]).map((k) => [k, true])), OVERRIDE_KEYS);

  let reusable = settings.reusable;
  if (options.reusable === "off") reusable = undefined;
  else if (options.reusable !== undefined) reusable = resolveReusable(issues, options.reusable);
  if (reusable) {
    if (options.resources !== undefined) issues.add(["resources"], REUSE_MESSAGE("resources"));
    if (options.envVars !== undefined) issues.add(["envVars"], REUSE_MESSAGE("env"));
    if (options.secrets !== undefined) issues.add(["secrets"], REUSE_MESSAGE("secrets"));
    if (options.serviceAccount !== undefined) issues.add(["serviceAccount"], REUSE_MESSAGE("service_account"));
    if (options.podTemplate !== undefined) issues.add(["podTemplate"], "Cannot set pod_template when reusable is set.");
  }
  let plugin = settings.plugin;
  let pluginConfig = settings.pluginConfig;
  if (options.pluginConfig !== undefined) {
    const resolved = resolvePlugin(issues, options.pluginConfig);
    if (resolved) {
      plugin = resolved.plugin;
      pluginConfig = resolved.config;
    }
  }
  if (reusable && plugin && !plugin.supportsReusePolicy) {
    issues.add(["pluginConfig"], `Cannot set plugin_config when reusable is set: ${plugin.name} does not support reusable environments.`);
  }
  if (options.shortName !== undefined && (typeof options.shortName !== "string" || options.shortName === "")) {
    issues.add(["shortName"], "must be a non-empty string");
  } else if (options.shortName !== undefined && !isWellFormedText(options.shortName)) {
    issues.add(["shortName"], "must be valid Unicode text (it has a lone surrogate)");
  }
  if (options.maxInlineIoBytes !== undefined && !(Number.isInteger(options.maxInlineIoBytes) && options.maxInlineIoBytes > 0)) {
    issues.add(["maxInlineIoBytes"], "must be a positive integer");
  }
  const next: TaskSettings = {
    ...settings,
    shortName: options.shortName ?? settings.shortName,
    resources: options.resources !== undefined ? resolveResources(issues, options.resources) : settings.resources,
    cache: resolveCache(issues, options.cache) ?? settings.cache,
    retries: resolveRetries(issues, options.retries) ?? settings.retries,
    timeout: resolveTimeout(issues, options.timeout) ?? settings.timeout,
    reusable,
    envVars: options.envVars !== undefined ? resolveEnvVars(issues, options.envVars) : settings.envVars,
    secrets: options.secrets !== undefined ? resolveSecrets(issues, options.secrets) : settings.secrets,
    serviceAccount: options.serviceAccount !== undefined ? resolveServiceAccount(issues, options.serviceAccount) : settings.serviceAccount,
    maxInlineIoBytes: options.maxInlineIoBytes ?? settings.maxInlineIoBytes,
    podTemplate: resolvePodTemplate(issues, options.podTemplate) ?? settings.podTemplate,
    interruptible: resolveBoolean(issues, options.interruptible, "interruptible") ?? settings.interruptible,
    entrypoint: resolveBoolean(issues, options.entrypoint, "entrypoint") ?? settings.entrypoint,
    producesArtifacts: resolveBoolean(issues, options.producesArtifacts, "producesArtifacts") ?? settings.producesArtifacts,
    report: resolveBoolean(issues, options.report, "report") ?? settings.report,
    plugin,
    pluginConfig,
    taskType: plugin?.taskType ?? "python",
    taskTypeVersion: plugin?.taskTypeVersion ?? 0,
  };
  if (issues.issues.length === 0) pluginIssues(issues, plugin, next, pluginConfig);
  issues.throwIfAny(`override of ${settings.name}`);
  return Object.freeze(next);
}
