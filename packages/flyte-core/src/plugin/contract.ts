import type { z } from "zod";
import type { ConfigIssue } from "../errors.ts";
import type { SerializationContext } from "../serialize/context.ts";
import type { TaskContext } from "../run/context.ts";
import type { TaskSettings } from "../task/settings.ts";

/**
 * A plugin configuration object. `kind` names the config type as `"<npm package>#<ConfigName>"`
 * (e.g. "@flyte-ts/plugin-spark#Spark"): the registry is keyed by it, which works across duplicate
 * copies of core and across bundlers, and the package part tells the user what to install.
 */
export interface PluginConfig {
  readonly kind: string;
}

/** What a hook receives. */
export interface HookContext<C extends PluginConfig = PluginConfig> {
  readonly task: TaskSettings;
  readonly config: C;
  /** The task's validated inputs. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly context: TaskContext;
  /**
   * Aborted when the attempt must stop before it ends (its `timeout` expired). A connector's `execute`
   * should then cancel its remote work and settle promptly: the attempt fails with TIMEOUT once it has.
   */
  readonly signal?: AbortSignal;
}

/** A rendered engine resource, e.g. the SparkApplication the backend would create. */
export interface RenderedResource {
  /** File name stem, e.g. "<task name>.sparkapplication". */
  readonly name: string;
  readonly resource: Record<string, unknown>;
}

/**
 * What a third party implements to add an engine. A plain object: core knows nothing else about it.
 * `D` is the data `pre` hands to the task body (read with `ctx().data`).
 */
export interface TaskPlugin<C extends PluginConfig = PluginConfig, D extends Record<string, unknown> = Record<string, unknown>> {
  /** npm package name of the plugin, e.g. "@flyte-ts/plugin-spark". */
  readonly name: string;
  /** The plugin package's version. */
  readonly version: string;
  /** The `kind` of the config objects this plugin handles. */
  readonly configKind: string;
  /** `TaskTemplate.type`, e.g. "spark". */
  readonly taskType: string;
  /** `TaskTemplate.taskTypeVersion` (default 0). */
  readonly taskTypeVersion?: number;
  /**
   * Semver range of @flyte-ts/core versions this plugin works with, e.g. ">=0.1.0 <1.0.0". Use the
   * package's peer dependency range on @flyte-ts/core, so that registration checks what npm checks at install.
   */
  readonly coreApiRange: string;
  /** Validates and normalises a config object of this kind; its issues are reported with their paths. */
  readonly configSchema: z.ZodType<C>;
  /** Whether tasks of this plugin may live in a reusable environment (default false). */
  readonly supportsReusePolicy?: boolean;
  /** The JSON for `TaskTemplate.custom` (a `google.protobuf.Struct`); `{}` leaves it unset. */
  customConfig(config: C, sctx: SerializationContext): Record<string, unknown>;
  /**
   * The task container's arguments, for tasks whose engine runs something else than the SDK's runtime
   * with them: e.g. a JVM Spark application, whose `main` receives the container's arguments. Return
   * `undefined` (or leave the hook out) to keep the runtime's `a0 …` arguments.
   */
  containerArgs?(config: C, sctx: SerializationContext): readonly string[] | undefined;
  /** Extra checks of a task's settings, run when it is declared and when it is overridden. */
  validateTask?(task: TaskSettings, config: C): readonly ConfigIssue[];
  /** Runs before the body; what it returns is merged into `ctx().data`. */
  pre?(hook: HookContext<C>): D | Promise<D>;
  /** Runs after a successful body, with its output. Its return value is ignored. */
  post?(hook: HookContext<C> & { readonly data: D }, output: unknown): void | Promise<void>;
  /**
   * Runs once the body is over, after `post`, whether the body and `post` succeeded or not (not when `pre`
   * failed): releases what `pre` opened, e.g. a session. A failure here fails an attempt that had
   * succeeded; after a failed body it is ignored, so that the body's error is the one reported.
   */
  cleanup?(hook: HookContext<C> & { readonly data: D }): void | Promise<void>;
  /**
   * Replaces local execution entirely (connector style: e.g. submit to a remote service and poll).
   * `runBody` runs pre → body → post in this process, for plugins that only wrap it.
   */
  execute?(hook: HookContext<C>, runBody: () => Promise<unknown>): Promise<unknown>;
  /** The engine resource(s) the backend would build from a serialized task (`flyte-ts render`). */
  render?(taskSpec: Record<string, unknown>): readonly RenderedResource[] | Promise<readonly RenderedResource[]>;
}

/** Identity helper that gives a plugin object its full type. */
export function definePlugin<C extends PluginConfig, D extends Record<string, unknown> = Record<string, unknown>>(
  plugin: TaskPlugin<C, D>,
): TaskPlugin<C, D> {
  return plugin;
}

/** The npm package named by a config kind ("@flyte-ts/plugin-spark#Spark" → "@flyte-ts/plugin-spark"). */
export function packageOfKind(kind: string): string | undefined {
  const hash = kind.lastIndexOf("#");
  return hash > 0 ? kind.slice(0, hash) : undefined;
}
