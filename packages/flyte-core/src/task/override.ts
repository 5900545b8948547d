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
 * given value applies, `0` and `{}` included (the reference ignores "falsy" values instead).
 */
export interface TaskOverride {
  shortName?: string;
  resources?: ResourcesLike;
  cache?: CacheLike;
  retries?: RetriesLike;
  timeout?: TimeoutLike;
  /** A ReusePolicy, or "off" to stop reusing. */
  reusable?: ReusePolicy | "off";
  envVars?: Record<string, string>;
  secrets?: SecretRequest;
  /** Kubernetes service account of the task's pods. */
  serviceAccount?: string;
  maxInlineIoBytes?: number;
  podTemplate?: PodTemplateLike;
  interruptible?: boolean;
  entrypoint?: boolean;
  producesArtifacts?: boolean;
  report?: boolean;
  /** Another engine config: the copy becomes that plugin's task. */
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
