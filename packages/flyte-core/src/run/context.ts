import { AsyncLocalStorage } from "node:async_hooks";
import type { RunCodeBundle } from "./code-bundle.ts";

export type RunMode = "local" | "remote";

/** What a task body can learn about the run it is in (`ctx()`). */
export interface TaskContext {
  readonly mode: RunMode;
  readonly runName: string;
  /** The action's name; the root action of a remote run is "a0". */
  readonly actionName: string;
  /** The task's full name. */
  readonly taskName: string;
  /** 0-based attempt number. */
  readonly attempt: number;
  /** Data from the plugin's `pre` hook (e.g. a cluster address). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Where the task may write checkpoints, when the run provides one. */
  readonly checkpointPath: string | undefined;
  readonly prevCheckpointPath: string | undefined;
  /** Remote runs: the code bundle the container unpacked (plugins ship it to their cluster's nodes). */
  readonly codeBundle?: RunCodeBundle;
  /** Remote runs: where the action runs and what the backend handed it (undefined in local runs). */
  readonly remote?: RemoteActionInfo;
  /** Whether the task runs in a cluster (remote mode). */
  isInCluster(): boolean;
}

/** What a remote action knows about its place in the run (runtime-contract §3.3). */
export interface RemoteActionInfo {
  readonly project: string;
  readonly domain: string;
  readonly org: string;
  /** The task version (`--version`). */
  readonly version: string;
  /** When the run started; the epoch when the backend did not provide it. */
  readonly runStartTime: Date;
  /** Prefix under which the run's actions keep their data. */
  readonly runBaseDir: string;
  /** URI of this action's inputs. */
  readonly inputPath: string;
  /** Prefix of this action's outputs. */
  readonly outputPath: string;
  /** Where large values (files, directories) may be written. */
  readonly rawDataPath: string | undefined;
  /** Key/value context the run carries to every action (`Inputs.context`). */
  readonly customContext: Readonly<Record<string, string>>;
}

// Shared across copies of core, like the plugin registry.
const STORAGE_KEY = Symbol.for("@flyte-ts/core.task-context");

export function contextStorage(): AsyncLocalStorage<TaskContext> {
  const holder = globalThis as { [STORAGE_KEY]?: AsyncLocalStorage<TaskContext> };
  holder[STORAGE_KEY] ??= new AsyncLocalStorage<TaskContext>();
  return holder[STORAGE_KEY];
}

/** The context of the task running now, or undefined outside any task. */
export function ctx(): TaskContext | undefined {
  return contextStorage().getStore();
}

export function makeTaskContext(fields: Omit<TaskContext, "isInCluster">): TaskContext {
  return Object.freeze({ ...fields, data: Object.freeze({ ...fields.data }), isInCluster: () => fields.mode === "remote" });
}
