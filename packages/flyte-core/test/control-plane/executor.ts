// The fake control plane's executor: runs an action of the store (action-store.ts) the way the v2.0.43
// backend runs its pod — the REAL built `a0` started from the inline TaskSpec's container args with the
// placeholders filled as the backend fills them (../runtime/backend-args.ts), the backend's environment,
// and file storage under one temp directory. It reports QUEUED → INITIALIZING → RUNNING → SUCCEEDED /
// FAILED / TIMED_OUT / ABORTED to the store, retries recoverable failures per the spec's retry count
// (one output prefix per attempt), and aborts an action and every descendant by killing their `a0`.
//
// Output locations follow the contract §5: `file://<storageRoot>/<shard>/<run base below the root>/
// <action>/<attempt>`, the shard being two base36 characters of `<namespace>/<CR name>`; the update's
// output URI carries the prefix, so a parent never has to compute the shard.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { create, fromBinary } from "@bufbuild/protobuf";
import { ContainerError_Kind, ErrorDocumentSchema, type ExecutionError, ExecutionErrorSchema, ExecutionError_ErrorKind } from "../../src/gen/flyteidl2/core/execution_pb.ts";
import { renderArgsLikeBackend } from "../runtime/backend-args.ts";
import { ActionPhase, type ActionStore, type StoredAction, isTerminal } from "./action-store.ts";

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ExecutorOptions {
  store: ActionStore;
  /** Directory holding all file storage; every run output base must be a `file://` URI below it. */
  storageRoot: string;
  /** Working directory of `a0` (the root the tasks were serialized against, when there is no code bundle). */
  cwd: string;
  /** The `a0` executable (a Node script). @defaultValue this package's built `bin/a0.js` */
  a0Bin?: string;
  /** `host:port` of the control plane for the actions' `_U_EP_OVERRIDE`; absent: not set (no child actions). */
  endpoint?: string;
  /** Extra environment for every `a0` (after the backend's own variables). */
  env?: Record<string, string>;
  /** The run start time handed to `{{.runStartTime}}`. @defaultValue the root action's creation time */
  runStartTime?: Date;
}

/** What one attempt of an action printed. */
export interface AttemptLog {
  attempt: number;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

interface Running {
  process: ChildProcess;
  exited: Promise<void>;
}

/** Runs actions of a store through `a0`. One instance per fake control plane. */
export class ActionExecutor {
  readonly #options: ExecutorOptions;
  readonly #a0Bin: string;
  readonly #running = new Map<string, Running>();
  readonly #logs = new Map<string, AttemptLog[]>();
  readonly #done = new Map<string, Promise<StoredAction>>();

  constructor(options: ExecutorOptions) {
    this.#options = options;
    this.#a0Bin = options.a0Bin ?? join(pkgDir, "bin", "a0.js");
  }

  /**
   * Starts a QUEUED action in the background and returns a promise of it in its terminal phase.
   * Calling it again for the same action returns the same promise.
   */
  start(run: string, name: string): Promise<StoredAction> {
    const k = `${run}/${name}`;
    let done = this.#done.get(k);
    if (!done) {
      done = this.#execute(this.#options.store.require(run, name));
      this.#done.set(k, done);
    }
    return done;
  }

  /** The action in its terminal phase, once {@link start} has been called for it. */
  finished(run: string, name: string): Promise<StoredAction> | undefined {
    return this.#done.get(`${run}/${name}`);
  }

  /**
   * Aborts an action and, first, every descendant that has not finished (the backend deletes the CR and
   * its owner references cascade): running `a0` processes are killed, their phase becomes ABORTED.
   * A finished action keeps its phase. Returns the names of the actions it aborted.
   */
  async abort(run: string, name: string, reason = "aborted"): Promise<string[]> {
    const store = this.#options.store;
    const targets = [...store.descendants(run, name).reverse(), store.require(run, name)];
    const aborted: string[] = [];
    for (const action of targets) {
      if (isTerminal(action.phase)) continue;
      store.transition(run, action.name, ActionPhase.ABORTED, { error: create(ExecutionErrorSchema, { code: "Aborted", message: reason, kind: ExecutionError_ErrorKind.USER }) });
      aborted.push(action.name);
      const running = this.#running.get(`${run}/${action.name}`);
      if (running) {
        killGroup(running.process);
        await running.exited;
      }
    }
    return aborted;
  }

  /**
   * Sends a signal to a running action's `a0` alone (not its process group), as the kubelet does when
   * it stops a pod: SIGTERM lets `a0` clean up. Returns false when the action has no running `a0`.
   */
  signal(run: string, name: string, signal: NodeJS.Signals): boolean {
    const running = this.#running.get(`${run}/${name}`);
    if (!running || running.process.pid === undefined) return false;
    return running.process.kill(signal);
  }

  /** Output of each attempt of an action so far. */
  logs(run: string, name: string): readonly AttemptLog[] {
    return this.#logs.get(`${run}/${name}`) ?? [];
  }

  /** The output prefix of an attempt (1-based), as the backend computes it (contract §5). */
  outputPrefix(action: StoredAction, attempt: number): string {
    const root = resolve(this.#options.storageRoot);
    const base = action.runOutputBase.replace(/^file:\/\//, "").replace(/\/+$/, "");
    const below = relative(root, resolve(base));
    if (below.startsWith("..") || resolve(base) === root) {
      throw new Error(`run output base ${action.runOutputBase} is not below the executor's storage root ${root}`);
    }
    const namespace = `${action.id.run?.project ?? ""}-${action.id.run?.domain ?? ""}`;
    return `file://${root}/${shardOf(`${namespace}/${action.run}-${action.name}`)}/${below}/${action.name}/${attempt}`;
  }

  /** Kills every running `a0` (ends the fake); their actions become ABORTED. */
  async close(): Promise<void> {
    for (const k of [...this.#running.keys()]) {
      const [run, ...rest] = k.split("/");
      await this.abort(run!, rest.join("/"), "control plane shut down").catch(() => undefined);
    }
    await Promise.allSettled([...this.#done.values()]);
  }

  async #execute(action: StoredAction): Promise<StoredAction> {
    const store = this.#options.store;
    const template = action.spec.taskTemplate;
    const maxAttempts = 1 + (template?.metadata?.retries?.retries ?? 0);
    const timeout = template?.metadata?.timeout;
    const timeoutMs = timeout ? Number(timeout.seconds) * 1000 + timeout.nanos / 1e6 : 0;
    for (let attempt = 1; ; attempt++) {
      if (isTerminal(action.phase)) return action; // aborted while queued or between attempts
      store.transition(action.run, action.name, attempt === 1 ? ActionPhase.INITIALIZING : ActionPhase.QUEUED, { attempt });
      const outputPrefix = this.outputPrefix(action, attempt);
      let spawned: { exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean };
      try {
        spawned = await this.#spawn(action, attempt, outputPrefix, timeoutMs);
      } catch (error) {
        if (!isTerminal(action.phase)) {
          store.transition(action.run, action.name, ActionPhase.FAILED, { error: systemError("ExecutorFailure", (error as Error).message) });
        }
        return action;
      }
      if (isTerminal(action.phase)) return action; // aborted: the kill ended it
      if (spawned.timedOut) {
        store.transition(action.run, action.name, ActionPhase.TIMED_OUT, { error: create(ExecutionErrorSchema, { code: "Timeout", message: `attempt ${attempt} exceeded the task timeout of ${timeoutMs} ms`, kind: ExecutionError_ErrorKind.USER }) });
        return action;
      }
      const outDir = outputPrefix.replace(/^file:\/\//, "");
      if (spawned.exitCode === 0 && existsSync(join(outDir, "outputs.pb"))) {
        store.transition(action.run, action.name, ActionPhase.SUCCEEDED, { outputUri: outputPrefix });
        return action;
      }
      let error: ExecutionError;
      let recoverable = true;
      if (spawned.exitCode === 0 && existsSync(join(outDir, "error.pb"))) {
        const doc = fromBinary(ErrorDocumentSchema, readFileSync(join(outDir, "error.pb")));
        error = create(ExecutionErrorSchema, {
          code: doc.error?.code ?? "", message: doc.error?.message ?? "", kind: doc.error?.origin ?? ExecutionError_ErrorKind.UNKNOWN,
          errorUri: `${outputPrefix}/error.pb`,
        });
        recoverable = doc.error?.kind === ContainerError_Kind.RECOVERABLE;
      } else {
        const why = spawned.signal ? `signal ${spawned.signal}` : `exit code ${spawned.exitCode}`;
        error = systemError("ContainerFailed", `a0 ended with ${why} without writing outputs.pb or error.pb`);
      }
      if (!recoverable || attempt >= maxAttempts) {
        store.transition(action.run, action.name, ActionPhase.FAILED, { error, outputUri: outputPrefix });
        return action;
      }
    }
  }

  #spawn(action: StoredAction, attempt: number, outputPrefix: string, timeoutMs: number): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean }> {
    const store = this.#options.store;
    const template = action.spec.taskTemplate;
    const containerArgs = template?.target.case === "container" ? template.target.value.args : undefined;
    if (!containerArgs || containerArgs[0] !== "a0") throw new Error(`action ${action.name}: the TaskSpec has no a0 container args`);
    const root = store.get(action.run, "a0");
    const [, ...args] = renderArgsLikeBackend(containerArgs, {
      inputPrefix: action.inputUri.replace(/\/inputs\.pb$/, ""),
      outputPrefix,
      prevCheckpointPrefix: attempt > 1 ? `${this.outputPrefix(action, attempt - 1)}/_flytecheckpoints` : undefined,
      runStartTime: this.#options.runStartTime ?? root?.createdAt ?? action.createdAt,
      runtimeVersion: template?.metadata?.runtime?.version ?? "",
    });
    const specEnv = Object.fromEntries((template?.target.case === "container" ? template.target.value.env : []).map((kv) => [kv.key, kv.value]));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      ...specEnv,
      ACTION_NAME: action.name,
      RUN_NAME: action.run,
      _U_RUN_BASE: action.runOutputBase,
      _U_ORG_NAME: "local",
      FLYTE_INTERNAL_EXECUTION_PROJECT: action.id.run?.project ?? "",
      FLYTE_INTERNAL_EXECUTION_DOMAIN: action.id.run?.domain ?? "",
      FLYTE_ATTEMPT_NUMBER: String(attempt - 1),
      ...(this.#options.endpoint ? { _U_EP_OVERRIDE: this.#options.endpoint, _U_INSECURE: "true", _U_USE_ACTIONS: "1" } : {}),
      ...this.#options.env,
    };
    const log: AttemptLog = { attempt, stdout: "", stderr: "", exitCode: null, signal: null };
    const k = `${action.run}/${action.name}`;
    this.#logs.set(k, [...(this.#logs.get(k) ?? []), log]);
    // Its own process group, so an abort also ends what the task started (engines, bridges).
    const child = spawn(process.execPath, [this.#a0Bin, ...args], { cwd: this.#options.cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.setEncoding("utf8").on("data", (s: string) => { log.stdout += s; });
    child.stderr!.setEncoding("utf8").on("data", (s: string) => { log.stderr += s; });
    let timedOut = false;
    const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; killGroup(child); }, timeoutMs) : undefined;
    const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean }>((resolveExit, rejectExit) => {
      child.once("error", rejectExit);
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        this.#running.delete(k);
        log.exitCode = code;
        log.signal = signal;
        resolveExit({ exitCode: code, signal, timedOut });
      });
    });
    this.#running.set(k, { process: child, exited: exited.then(() => undefined, () => undefined) });
    store.transition(action.run, action.name, ActionPhase.RUNNING);
    return exited;
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

function systemError(code: string, message: string): ExecutionError {
  return create(ExecutionErrorSchema, { code, message, kind: ExecutionError_ErrorKind.SYSTEM });
}

/** Two base36 characters derived from a string: the backend's shard of an output prefix. */
export function shardOf(value: string): string {
  const n = createHash("md5").update(value).digest().readUInt16BE(0) % (36 * 36);
  return n.toString(36).padStart(2, "0");
}
