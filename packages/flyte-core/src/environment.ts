import { show } from "./util/show.ts";
import type { z } from "zod";
import { Cache, type CacheLike } from "./config/cache.ts";
import type { ReusePolicy } from "./config/reuse-policy.ts";
import { RetryStrategy } from "./config/retry.ts";
import type { SecretRequest } from "./config/secret.ts";
import { ConfigError } from "./errors.ts";
import type { PluginConfig, TaskPlugin } from "./plugin/contract.ts";
import type { PodTemplate } from "./pod/pod-template.ts";
import type { Resources, ResourcesLike } from "./resources/resources.ts";
import { type SourceLocation, callerSourceLocation } from "./source-location.ts";
import { createTask } from "./task/create.ts";
import {
  type PodTemplateLike, type RetriesLike, type TimeoutLike, pluginIssues, resolveBoolean, resolveCache, resolveEnvVars,
  resolvePlugin, resolvePodTemplate, resolveResources, resolveRetries, resolveReusable, resolveSecrets, resolveServiceAccount,
  resolveTimeout,
} from "./task/resolve.ts";
import type { TaskSettings } from "./task/settings.ts";
import type { Task, TaskBody } from "./task/task.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "./util/issues.ts";
import { codePointLength, isWellFormedText, takeCodePoints } from "./util/text.ts";

/** Options of {@link TaskEnvironment}; any other key is refused. Every problem is reported at once, with its path. */
export interface TaskEnvironmentOptions {
  /**
   * Required. The environment's name; task names are `<environment>.<function>`.
   *
   * Validation: snake_case or kebab-case (`^[a-z0-9]+([_-][a-z0-9]+)*$`), at most 63 characters.
   */
  name: string;
  /**
   * Container image URI the tasks run in. Required to serialize, not to run locally.
   *
   * Validation: a non-empty, non-blank string.
   *
   * @defaultValue `undefined`: tasks run locally only
   */
  image?: string;
  /**
   * Compute resources of the tasks' pods.
   *
   * Validation: a {@link Resources} or its options (see {@link ResourcesOptions}).
   *
   * @defaultValue `undefined`: the platform's defaults
   */
  resources?: ResourcesLike;
  /**
   * Environment variables of the tasks' containers.
   *
   * Validation: an object of string values whose keys are non-empty and contain no `=`.
   *
   * @defaultValue `undefined`: no extra variables
   */
  envVars?: Record<string, string>;
  /**
   * Secrets injected into the tasks' pods: a name, a {@link Secret}, its options, or a list of those.
   *
   * Validation: each item as {@link SecretOptions} (a name string becomes `{ key: name }`); problems are
   * reported with the item's index.
   *
   * @defaultValue `undefined`: no secrets
   */
  secrets?: SecretRequest;
  /**
   * Kubernetes service account the task pods run as; tasks and overrides may replace it.
   *
   * Validation: a string (`""` means none).
   *
   * @defaultValue `undefined`: the platform's default account
   */
  serviceAccount?: string;
  /**
   * A PodTemplate, its options, or the name of a pod template in the cluster.
   *
   * Validation: a {@link PodTemplate}, its options (see {@link PodTemplateOptions}) or a non-empty name.
   *
   * @defaultValue `undefined`: the platform's pod
   */
  podTemplate?: PodTemplateLike;
  /**
   * An engine config (e.g. `new Spark({...})`): makes every task of this environment that engine's task.
   *
   * Validation: a config whose `kind` has a registered plugin (import the plugin package), checked by that
   * plugin's schema (issues under `pluginConfig`); with `reusable`, only a plugin that supports reusable
   * environments (Ray).
   *
   * @defaultValue `undefined`: plain container tasks (task type "python")
   */
  pluginConfig?: PluginConfig;
  /**
   * Default cache of the tasks: a behavior string, a {@link Cache} or its options.
   *
   * Validation: as {@link CacheOptions}.
   *
   * @defaultValue `"disable"`
   */
  cache?: CacheLike;
  /**
   * Default retries of the tasks: a count, a {@link RetryStrategy} or its options.
   *
   * Validation: as {@link RetryStrategyOptions} (a count is an integer from 0 to 4294967295).
   *
   * @defaultValue `0`: no retry
   */
  retries?: RetriesLike;
  /**
   * Default timeout of the tasks: a duration (the maximum run time), a {@link Timeout} or its options.
   *
   * Validation: as {@link TimeoutOptions}.
   *
   * @defaultValue `undefined`: no limit
   */
  timeout?: TimeoutLike;
  /**
   * Whether the tasks may run on interruptible (spot) nodes.
   *
   * Validation: a boolean.
   *
   * @defaultValue `false`
   */
  interruptible?: boolean;
  /**
   * Keep the environment's containers alive and reuse them across tasks.
   *
   * Validation: a {@link ReusePolicy} instance (not its options); then tasks may not set `podTemplate` or
   * another `serviceAccount`, and `pluginConfig` must support reuse.
   *
   * @defaultValue `undefined`: a fresh pod per task
   */
  reusable?: ReusePolicy;
  /**
   * Description of the environment.
   *
   * Validation: a string of valid Unicode (no lone surrogate); longer than 255 characters (code points, as
   * Python and the backend count them), it is cut to 247 and `...(tr.)` is appended, as the reference does.
   *
   * @defaultValue `undefined`
   */
  description?: string;
  /**
   * Environments whose images/tasks this one needs deployed too.
   *
   * Validation: a list of {@link TaskEnvironment} instances.
   *
   * @defaultValue `[]`
   */
  dependsOn?: readonly TaskEnvironment[];
}

/** Options of `env.task()`; any other key is refused. Settings left out come from the environment. */
export interface TaskOptions<I extends z.ZodObject | undefined = undefined, O extends z.ZodType | undefined = undefined> {
  /**
   * The function part of the task name.
   *
   * Validation: a JavaScript identifier (`^[A-Za-z_$][\w$]*$`); no other task of the environment may have
   * it (the error names both declarations).
   *
   * @defaultValue the function's `name` (an anonymous function needs this option)
   */
  name?: string;
  /**
   * Display name; serialized, it is cut to its first 63 characters (code points), as the reference does.
   *
   * Validation: a non-empty string of valid Unicode (no lone surrogate).
   *
   * @defaultValue the task's `name` (its function part)
   */
  shortName?: string;
  /**
   * Inputs as a zod object.
   *
   * Validation: a zod object schema (`z.object({...})`).
   *
   * @defaultValue `undefined`: no inputs
   */
  inputs?: I;
  /**
   * Output as a zod schema; a `z.tuple([...])` gives several outputs (o0, o1, …).
   *
   * Validation: a zod schema.
   *
   * @defaultValue `undefined`: an untyped output
   */
  output?: O;
  /**
   * Cache of this task.
   *
   * Validation: as {@link CacheOptions}.
   *
   * @defaultValue the environment's `cache`
   */
  cache?: CacheLike;
  /**
   * Retries of this task.
   *
   * Validation: as {@link RetryStrategyOptions}.
   *
   * @defaultValue the environment's `retries`
   */
  retries?: RetriesLike;
  /**
   * Timeout of this task.
   *
   * Validation: as {@link TimeoutOptions}.
   *
   * @defaultValue the environment's `timeout`
   */
  timeout?: TimeoutLike;
  /**
   * Documentation of the task, written into its spec.
   *
   * Validation: a string of valid Unicode (no lone surrogate).
   *
   * @defaultValue `undefined`
   */
  docs?: string;
  /**
   * Pod template of this task: a PodTemplate, its options or a cluster template's name.
   *
   * Validation: as the environment's `podTemplate`; not allowed in a reusable environment.
   *
   * @defaultValue the environment's `podTemplate`
   */
  podTemplate?: PodTemplateLike;
  /**
   * Kubernetes service account of this task's pods.
   *
   * Validation: a string; in a reusable environment it must equal the environment's.
   *
   * @defaultValue the environment's `serviceAccount`
   */
  serviceAccount?: string;
  /**
   * Whether this task may run on interruptible (spot) nodes.
   *
   * Validation: a boolean.
   *
   * @defaultValue the environment's `interruptible`
   */
  interruptible?: boolean;
  /**
   * Whether the task produces a report.
   *
   * Validation: a boolean.
   *
   * @defaultValue `false`
   */
  report?: boolean;
  /**
   * Whether the task is an entrypoint of a deployment.
   *
   * Validation: a boolean.
   *
   * @defaultValue `false`
   */
  entrypoint?: boolean;
  /**
   * Whether the task produces artifacts.
   *
   * Validation: a boolean.
   *
   * @defaultValue `false`
   */
  producesArtifacts?: boolean;
  /**
   * Largest input or output passed inline, in bytes.
   *
   * Validation: a positive integer.
   *
   * @defaultValue `10485760` (10 MiB, {@link MAX_INLINE_IO_BYTES})
   */
  maxInlineIoBytes?: number;
}

const ENV_KEYS = [
  "name", "image", "resources", "envVars", "secrets", "podTemplate", "pluginConfig", "cache", "retries", "timeout",
  "interruptible", "reusable", "description", "dependsOn", "serviceAccount",
] as const;
const TASK_KEYS = [
  "name", "shortName", "inputs", "output", "cache", "retries", "timeout", "docs", "podTemplate", "interruptible", "report",
  "entrypoint", "producesArtifacts", "maxInlineIoBytes", "serviceAccount",
] as const;
const ENV_NAME = /^[a-z0-9]+([_-][a-z0-9]+)*$/;
const FUNCTION_NAME = /^[A-Za-z_$][\w$]*$/;
export const MAX_INLINE_IO_BYTES = 10 * 1024 * 1024;

// Every environment created while modules load, in creation order; the CLI discovers tasks through it.
// Kept on globalThis so that a module importing another copy of core is still seen.
const ENVIRONMENTS_KEY = Symbol.for("@flyte-ts/core.environments");
function environments(): TaskEnvironment[] {
  const holder = globalThis as { [ENVIRONMENTS_KEY]?: TaskEnvironment[] };
  holder[ENVIRONMENTS_KEY] ??= [];
  return holder[ENVIRONMENTS_KEY];
}

// Where each task was declared ("file:line:column"), to name both declarations when two tasks share a
// full name. On globalThis like the environments, so that another copy of core sees it too.
const DECLARATIONS_KEY = Symbol.for("@flyte-ts/core.taskDeclarations");
function declarations(): WeakMap<object, SourceLocation> {
  const holder = globalThis as { [DECLARATIONS_KEY]?: WeakMap<object, SourceLocation> };
  holder[DECLARATIONS_KEY] ??= new WeakMap();
  return holder[DECLARATIONS_KEY];
}

/** Where `task` was declared with `env.task(...)` ("file:line:column"), when known. */
export function taskDeclaration(task: object): string | undefined {
  return declarations().get(task)?.describe();
}

/** Every TaskEnvironment created in this process so far, in creation order. */
export function listEnvironments(): readonly TaskEnvironment[] {
  return [...environments()];
}

/** Forgets the environments created so far (tests, and the CLI before loading a module). */
export function resetEnvironments(): void {
  environments().length = 0;
}

/** Settings shared by the tasks of one image, resources and engine: `env.task(fn)` declares tasks in it. */
export class TaskEnvironment {
  readonly kind = "flyte.TaskEnvironment" as const;
  readonly name: string;
  readonly image: string | undefined;
  readonly resources: Resources | undefined;
  readonly envVars: Readonly<Record<string, string>> | undefined;
  readonly secrets: TaskSettings["secrets"];
  /** Kubernetes service account of the task pods (tasks and overrides may replace it). */
  readonly serviceAccount: string | undefined;
  readonly podTemplate: PodTemplate | string | undefined;
  readonly pluginConfig: PluginConfig | undefined;
  readonly plugin: TaskPlugin | undefined;
  readonly cache: Cache;
  readonly retries: RetryStrategy;
  readonly timeout: TaskSettings["timeout"];
  readonly interruptible: boolean;
  readonly reusable: ReusePolicy | undefined;
  readonly description: string | undefined;
  readonly dependsOn: readonly TaskEnvironment[];
  readonly #options: TaskEnvironmentOptions;
  readonly #tasks = new Map<string, Task<any, any>>();

  constructor(options: TaskEnvironmentOptions) {
    if (!isPlainObject(options)) throw new ConfigError("TaskEnvironment", [{ path: [], message: "expected an options object with a name" }]);
    const issues = new IssueCollector();
    checkKnownKeys(issues, options, ENV_KEYS);
    const name = options.name;
    if (typeof name !== "string" || !ENV_NAME.test(name)) {
      issues.add(["name"], `Environment name '${typeof name === "string" ? name : show(name)}' must be in snake_case or kebab-case format.`);
    } else if (name.length > 63) {
      issues.add(["name"], `must be at most 63 characters, got ${name.length}`);
    }
    if (options.image !== undefined && (typeof options.image !== "string" || options.image.trim() === "")) {
      issues.add(["image"], "must be a non-empty image URI");
    }
    const resources = resolveResources(issues, options.resources);
    const envVars = resolveEnvVars(issues, options.envVars);
    const secrets = resolveSecrets(issues, options.secrets);
    const serviceAccount = resolveServiceAccount(issues, options.serviceAccount);
    const podTemplate = resolvePodTemplate(issues, options.podTemplate);
    const cache = resolveCache(issues, options.cache) ?? new Cache({ behavior: "disable" });
    const retries = resolveRetries(issues, options.retries) ?? new RetryStrategy({ count: 0 });
    const timeout = resolveTimeout(issues, options.timeout);
    const interruptible = resolveBoolean(issues, options.interruptible, "interruptible") ?? false;
    const reusable = resolveReusable(issues, options.reusable);
    let description = options.description;
    if (description !== undefined && typeof description !== "string") issues.add(["description"], "must be a string");
    else if (description !== undefined && !isWellFormedText(description)) issues.add(["description"], "must be valid Unicode text (it has a lone surrogate)");
    // As the reference, counting code points as Python and the backend do.
    else if (description !== undefined && codePointLength(description) > 255) description = `${takeCodePoints(description, 247)}...(tr.)`;
    const dependsOn = options.dependsOn ?? [];
    if (!Array.isArray(dependsOn)) issues.add(["dependsOn"], "must be a list of TaskEnvironment");
    else dependsOn.forEach((d, i) => { if (!(d instanceof TaskEnvironment)) issues.add(["dependsOn", i], "must be a TaskEnvironment"); });
    const resolved = resolvePlugin(issues, options.pluginConfig);
    if (reusable && resolved && !resolved.plugin.supportsReusePolicy) {
      issues.add(["pluginConfig"], `Cannot set plugin_config when environment is reusable: ${resolved.plugin.name} does not support reusable environments.`);
    }
    issues.throwIfAny(`TaskEnvironment${typeof name === "string" ? ` "${name}"` : ""}`);

    this.name = name;
    this.image = options.image;
    this.resources = resources;
    this.envVars = envVars;
    this.secrets = Object.freeze(secrets);
    this.serviceAccount = serviceAccount;
    this.podTemplate = podTemplate;
    this.pluginConfig = resolved?.config;
    this.plugin = resolved?.plugin;
    this.cache = cache;
    this.retries = retries;
    this.timeout = timeout;
    this.interruptible = interruptible;
    this.reusable = reusable;
    this.description = description;
    this.dependsOn = Object.freeze([...(dependsOn as TaskEnvironment[])]);
    this.#options = { ...options };
    environments().push(this);
  }

  /** The tasks declared in this environment, by full name. */
  get tasks(): ReadonlyMap<string, Task<any, any>> {
    return new Map(this.#tasks);
  }

  /** Declares a task named `<environment>.<function name>`. */
  task<R>(body: TaskBody<undefined, R>): Task<undefined, Awaited<R>>;
  task<I extends z.ZodObject | undefined = undefined, O extends z.ZodType | undefined = undefined, R = unknown>(
    options: TaskOptions<I, O>,
    body: TaskBody<I, O extends z.ZodType ? z.input<O> : R>,
  ): Task<I, O extends z.ZodType ? z.output<O> : Awaited<R>>;
  task(first: unknown, second?: unknown): Task<any, any> {
    const [options, body] = typeof first === "function" ? [{} as TaskOptions<any, any>, first] : [first as TaskOptions<any, any>, second];
    const source = callerSourceLocation();
    const sourceFile = source?.file;
    const issues = new IssueCollector();
    if (!isPlainObject(options)) throw new ConfigError("task options", [{ path: [], message: "expected an options object" }]);
    if (typeof body !== "function") throw new ConfigError("task", [{ path: [], message: "expected the task's function" }]);
    checkKnownKeys(issues, options, TASK_KEYS);
    const fnName = options.name ?? body.name;
    if (typeof fnName !== "string" || !FUNCTION_NAME.test(fnName)) {
      issues.add(["name"], fnName ? `must be an identifier, got ${show(fnName)}` : "the function has no name: pass a named function or { name }");
    }
    if (options.inputs !== undefined && !isZodObject(options.inputs)) issues.add(["inputs"], "must be a zod object schema (z.object({...}))");
    if (options.output !== undefined && !isZodSchema(options.output)) issues.add(["output"], "must be a zod schema");
    if (this.reusable && options.podTemplate !== undefined) {
      issues.add(["podTemplate"], "Cannot set pod_template when environment is reusable.");
    }
    const serviceAccount = resolveServiceAccount(issues, options.serviceAccount);
    if (this.reusable && serviceAccount !== undefined && serviceAccount !== this.serviceAccount) {
      issues.add(["serviceAccount"], "Cannot override service_account when environment is reusable.");
    }
    const shortName = options.shortName ?? fnName;
    if (options.shortName !== undefined && (typeof options.shortName !== "string" || options.shortName === "")) {
      issues.add(["shortName"], "must be a non-empty string");
    } else if (options.shortName !== undefined && !isWellFormedText(options.shortName)) {
      issues.add(["shortName"], "must be valid Unicode text (it has a lone surrogate)");
    }
    if (options.docs !== undefined && typeof options.docs !== "string") issues.add(["docs"], `must be a string, got ${show(options.docs)}`);
    else if (options.docs !== undefined && !isWellFormedText(options.docs)) issues.add(["docs"], "must be valid Unicode text (it has a lone surrogate)");
    const maxInlineIoBytes = options.maxInlineIoBytes ?? MAX_INLINE_IO_BYTES;
    if (!Number.isInteger(maxInlineIoBytes) || maxInlineIoBytes <= 0) issues.add(["maxInlineIoBytes"], "must be a positive integer");
    const settings: TaskSettings = {
      // (an invalid name or short name is already reported; these placeholders only label the error)
      name: `${this.name}.${typeof fnName === "string" ? fnName : "?"}`,
      shortName: typeof shortName === "string" ? shortName : "?",
      environmentName: this.name,
      environmentDescription: this.description,
      image: this.image,
      resources: this.resources,
      envVars: this.envVars,
      secrets: this.secrets,
      serviceAccount: serviceAccount ?? this.serviceAccount,
      podTemplate: resolvePodTemplate(issues, options.podTemplate) ?? this.podTemplate,
      pluginConfig: this.pluginConfig,
      plugin: this.plugin,
      taskType: this.plugin?.taskType ?? "python",
      taskTypeVersion: this.plugin?.taskTypeVersion ?? 0,
      cache: resolveCache(issues, options.cache) ?? this.cache,
      retries: resolveRetries(issues, options.retries) ?? this.retries,
      timeout: resolveTimeout(issues, options.timeout) ?? this.timeout,
      interruptible: resolveBoolean(issues, options.interruptible, "interruptible") ?? this.interruptible,
      reusable: this.reusable,
      docs: options.docs,
      report: resolveBoolean(issues, options.report, "report") ?? false,
      entrypoint: resolveBoolean(issues, options.entrypoint, "entrypoint") ?? false,
      producesArtifacts: resolveBoolean(issues, options.producesArtifacts, "producesArtifacts") ?? false,
      debuggable: true,
      maxInlineIoBytes,
      inputs: options.inputs,
      output: options.output,
      sourceFile,
      sourceText: body.toString(),
    };
    pluginIssues(issues, settings.plugin, settings, settings.pluginConfig);
    const existing = this.#tasks.get(settings.name);
    if (existing) {
      // Never replace a task silently: the first one would vanish from deploys and runs.
      issues.add(["name"], `task "${settings.name}" is declared twice: first at ${taskDeclaration(existing) ?? "(unknown location)"}, again at ${source?.describe() ?? "(unknown location)"}; give one of them another name (the name option or the function's name)`);
    }
    issues.throwIfAny(`task ${settings.name}`);
    const task = createTask(Object.freeze(settings), body as TaskBody<any, unknown>);
    if (source) declarations().set(task, source);
    this.#tasks.set(settings.name, task);
    return task;
  }

  /**
   * A new environment with this one's settings and some replaced (`name` is required). The clone has no
   * tasks. `reusable: undefined` given explicitly drops reuse.
   */
  clone(options: Partial<TaskEnvironmentOptions> & { name: string }): TaskEnvironment {
    const merged: TaskEnvironmentOptions = { ...this.#options };
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined || key === "reusable") (merged as unknown as Record<string, unknown>)[key] = value;
    }
    if ("reusable" in options && options.reusable === undefined) delete merged.reusable;
    return new TaskEnvironment(merged);
  }
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && typeof (value as { safeParse?: unknown }).safeParse === "function";
}

function isZodObject(value: unknown): value is z.ZodObject {
  return isZodSchema(value) && (value as unknown as { def?: { type?: string } }).def?.type === "object";
}

