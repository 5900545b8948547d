// a0's remote controller (controller contract §3-7): inside a running action, a call of another task
// becomes a child action of the run. The child gets its own inline TaskSpec (the call's overrides
// included, from the same serializer as `flyte-ts serialize`), its inputs in `<run base>/<child>/inputs.pb`,
// a deterministic name, and is enqueued with ActionsService.Enqueue; one watch of this action's children
// reports its end, and its outputs are read from the output URI of its terminal update.
import { create, fromBinary } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Transport } from "@connectrpc/connect";
import { ActionsService, type EnqueueRequest } from "../../gen/flyteidl2/actions/actions_service_pb.ts";
import { type ActionIdentifier, ActionIdentifierSchema } from "../../gen/flyteidl2/common/identifier_pb.ts";
import { ActionPhase } from "../../gen/flyteidl2/common/phase_pb.ts";
import { ErrorDocumentSchema, ExecutionErrorSchema, ExecutionError_ErrorKind } from "../../gen/flyteidl2/core/execution_pb.ts";
import type { ActionUpdate } from "../../gen/flyteidl2/workflow/state_service_pb.ts";
import { parseTaskInputs } from "../../run/execute.ts";
import { SerializationContext } from "../../serialize/context.ts";
import { outputSchemas } from "../../serialize/interface.ts";
import { serializeTask } from "../../serialize/task-spec.ts";
import type { AnyTask } from "../../task/task.ts";
import { decodeOutputs } from "../literal-io.ts";
import { type ObjectStorage, joinUri } from "../storage/index.ts";
import { ChildActionError, type ChildActionFailureKind } from "./child-action-error.ts";
import { childInputs, childInputsBytes } from "./child-inputs.ts";
import { cacheKey, childActionName, inputsHash, taskIdentityHash } from "./child-name.ts";
import { refusedCredentials } from "./refused-credentials.ts";
import { ActionInformer, InformerFailure, type InformerOptions, PHASE_RECOVERED, isTerminalPhase } from "./informer.ts";

/** Where the parent runs: what `a0` was started with. */
export interface ParentAction {
  org: string;
  project: string;
  domain: string;
  runName: string;
  /** The parent's action name (P of the child names). */
  actionName: string;
  /** The run's output base (`_U_RUN_BASE`); children's inputs go below it. */
  runBaseDir: string;
  /** The parent's `--version`: the children's task version. */
  version: string;
  /** The run's custom context, passed on to every child. */
  customContext: Readonly<Record<string, string>>;
}

export interface RemoteControllerOptions {
  transport: Transport;
  parent: ParentAction;
  /** How the children's TaskSpecs are serialized (the parent's version, bundle, root and image cache). */
  serialization: SerializationContext;
  /** Storage for a URI (inputs written, outputs and error documents read). */
  storageFor: (uri: string) => Promise<ObjectStorage>;
  /** Children in flight at once (enqueued and not finished). @defaultValue `_F_P_CNC` or 1000 */
  maxInFlight?: number;
  /** Enqueue attempts before a child fails (transient errors, and INTERNAL for a child not yet seen). @defaultValue `_F_MAX_RETRIES` or 10 */
  maxEnqueueAttempts?: number;
  /** Delay before Enqueue retry `n`: 0.5·2^(n-1) s, at most `_F_MAX_BFF_ON_ERR` (10 s). */
  enqueueBackoffMs?: (n: number) => number;
  informer?: InformerOptions;
  log?: (line: string) => void;
}

interface Slot {
  release(): void;
}

/** A counting semaphore: at most `limit` holders; waiters are served in order. */
class Semaphore {
  #free: number;
  readonly #queue: Array<() => void> = [];
  constructor(limit: number) {
    this.#free = limit;
  }
  async acquire(): Promise<Slot> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#queue.push(resolve));
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.#queue.shift();
        if (next) next();
        else this.#free++;
      },
    };
  }
}

/** Runs task calls of one parent action as child actions. One per `a0` process. */
export class RemoteController {
  readonly #client: Client<typeof ActionsService>;
  readonly #options: RemoteControllerOptions;
  readonly #parentId: ActionIdentifier;
  readonly #informer: ActionInformer;
  readonly #slots: Semaphore;
  readonly #seq = new Map<string, number>();
  /** Children this process enqueued or found started, not yet seen finished. */
  readonly #inFlight = new Set<string>();
  readonly #log: (line: string) => void;
  #closed = false;

  constructor(options: RemoteControllerOptions) {
    this.#options = options;
    this.#client = createClient(ActionsService, options.transport);
    const p = options.parent;
    this.#parentId = create(ActionIdentifierSchema, { run: { org: p.org, project: p.project, domain: p.domain, name: p.runName }, name: p.actionName });
    this.#log = options.log ?? (() => undefined);
    this.#informer = new ActionInformer(this.#client, this.#parentId, { log: this.#log, ...options.informer });
    this.#slots = new Semaphore(Math.max(1, options.maxInFlight ?? positiveInt(process.env._F_P_CNC) ?? 1000));
  }

  /** Streams the watch has opened so far (1 + reconnects). */
  get watchConnections(): number {
    return this.#informer.connections;
  }

  /**
   * Runs `task` with `rawInputs` as a child action and returns its output, converted to the task's
   * output type. Inputs are checked and the spec serialized before anything is written or enqueued.
   */
  async submit(task: AnyTask, rawInputs: unknown, group?: string): Promise<unknown> {
    const settings = task.settings;
    const inputs = parseTaskInputs(settings, rawInputs);
    const spec = serializeTask(task, this.#options.serialization);
    const template = spec.taskTemplate!;
    const parent = this.#options.parent;
    const proto = childInputs(settings, inputs, parent.customContext);
    const bytes = childInputsBytes(proto, settings.name);
    const ignored = new Set(settings.cache.ignoredInputs);
    const iHash = inputsHash(proto.literals.filter((l) => !ignored.has(l.name)));
    const tHash = taskIdentityHash(template);
    // The call sequence counts calls with the same task and inputs (and group) in this parent.
    const seqKey = `${tHash}:${iHash}${group ? `:${group}` : ""}`;
    const seq = (this.#seq.get(seqKey) ?? 0) + 1;
    this.#seq.set(seqKey, seq);
    const name = childActionName({ parent: parent.actionName, inputsHash: iHash, taskHash: tHash, seq, group });

    const slot = await this.#slots.acquire();
    try {
      await this.#informer.start();
      if (this.#closed) throw new ChildActionError(`child action ${name} (task ${settings.name}) was not started: the parent is ending`, failure("aborted", name, settings.name, ""));
      const seen = this.#informer.latest(name);
      if (seen) {
        this.#log(`child action ${name} (${settings.name}) already exists (${ActionPhase[seen.phase] ?? seen.phase}): not enqueued again`);
      } else {
        const inputUri = joinUri(parent.runBaseDir, name, "inputs.pb");
        const storage = await this.#options.storageFor(inputUri);
        await storage.write(inputUri, bytes, { contentType: "application/octet-stream" });
        const metadata = template.metadata;
        const request: EnqueueRequest = create(ActionsService.method.enqueue.input, {
          action: {
            actionId: { run: this.#parentId.run, name },
            parentActionName: parent.actionName,
            inputUri,
            runOutputBase: parent.runBaseDir,
            group: group ?? "",
            spec: {
              case: "task",
              value: {
                id: { org: template.id?.org ?? "", project: template.id?.project ?? "", domain: template.id?.domain ?? "", name: template.id?.name ?? settings.name, version: template.id?.version ?? parent.version },
                spec,
                ...(metadata?.discoverable ? { cacheKey: cacheKey(iHash, template.id?.name ?? settings.name, template.interface, metadata.discoveryVersion) } : {}),
              },
            },
          },
        });
        this.#inFlight.add(name);
        await this.#enqueue(request, name, settings.name);
        this.#log(`child action ${name} (${settings.name}) enqueued`);
      }
      this.#inFlight.add(name);
      let update: ActionUpdate;
      try {
        update = await this.#informer.waitForTerminal(name);
      } catch (error) {
        if (error instanceof InformerFailure) {
          throw new ChildActionError(`child action ${name} (task ${settings.name}): ${error.message}`, failure("system", name, settings.name, "InformerWatchFailure"), { cause: error });
        }
        throw error;
      }
      this.#inFlight.delete(name);
      return await this.#result(task, name, update);
    } finally {
      slot.release();
    }
  }

  /**
   * Aborts the children this parent started that have not finished (the parent failed or is being
   * cancelled). Errors of Abort are swallowed: the backend also cascades when it ends the parent.
   */
  async abortRunning(reason: string): Promise<string[]> {
    const names = [...this.#inFlight].filter((n) => {
      const seen = this.#informer.latest(n);
      return !seen || !isTerminalPhase(seen.phase);
    });
    await Promise.all(names.map(async (name) => {
      try {
        await this.#client.abort({ actionId: { run: this.#parentId.run, name }, reason }, { timeoutMs: 5000 });
        this.#log(`aborted child action ${name}: ${reason}`);
      } catch (error) {
        this.#log(`abort of child action ${name} failed: ${(error as Error).message}`);
      }
    }));
    return names;
  }

  /** Stops the watch; children still running are left alone (as the reference on a normal end). */
  close(): void {
    this.#closed = true;
    this.#informer.stop();
  }

  async #enqueue(request: EnqueueRequest, name: string, taskName: string): Promise<void> {
    const env = process.env;
    const maxAttempts = this.#options.maxEnqueueAttempts ?? positiveInt(env._F_MAX_RETRIES) ?? 10;
    const maxBackoff = (positiveInt(env._F_MAX_BFF_ON_ERR) ?? 10) * 1000;
    const backoff = this.#options.enqueueBackoffMs ?? ((n: number) => Math.min(500 * 2 ** (n - 1), maxBackoff));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#client.enqueue(request, { timeoutMs: 5000 });
        return;
      } catch (error) {
        if (refusedCredentials(error)) {
          this.#inFlight.delete(name);
          throw new ChildActionError(`child action ${name} (task ${taskName}) could not be enqueued: ${(error as Error).message}`, failure("system", name, taskName, "EnqueueFailed"), { cause: error });
        }
        const err = ConnectError.from(error);
        if (err.code === Code.AlreadyExists) return;
        // The OSS backend answers INTERNAL for an action that exists: the watch shows it if so.
        if (err.code === Code.Internal && this.#informer.latest(name)) return;
        if (err.code === Code.Aborted) {
          throw new ChildActionError(`child action ${name} (task ${taskName}) was not started: the run is aborted (${err.rawMessage})`, failure("system", name, taskName, "RunAborted"), { cause: err });
        }
        if (err.code === Code.InvalidArgument || err.code === Code.NotFound || attempt >= maxAttempts) {
          this.#inFlight.delete(name);
          throw new ChildActionError(
            `child action ${name} (task ${taskName}) could not be enqueued${attempt > 1 ? ` after ${attempt} attempts` : ""}: ${Code[err.code]}: ${err.rawMessage}`,
            failure("system", name, taskName, "EnqueueFailed"),
            { cause: err },
          );
        }
        this.#log(`enqueue of child action ${name} failed (${Code[err.code]}: ${err.rawMessage}); retry ${attempt}`);
        await new Promise((r) => setTimeout(r, backoff(attempt)));
        if (this.#informer.latest(name)) return;
      }
    }
  }

  async #result(task: AnyTask, name: string, update: ActionUpdate): Promise<unknown> {
    const settings = task.settings;
    const outputUri = update.outputUri;
    if (update.phase === ActionPhase.SUCCEEDED || update.phase === PHASE_RECOVERED) {
      if (outputSchemas(settings.output).length === 0) return undefined;
      if (!outputUri) {
        throw new ChildActionError(`child action ${name} (task ${settings.name}) succeeded without an output URI`, failure("system", name, settings.name, "MissingOutputs"));
      }
      const uri = joinUri(outputUri, "outputs.pb");
      const storage = await this.#options.storageFor(uri);
      return decodeOutputs(await storage.read(uri), settings);
    }
    if (update.phase === ActionPhase.ABORTED) {
      throw new ChildActionError(`child action ${name} (task ${settings.name}) was aborted`, failure("aborted", name, settings.name, update.error?.code ?? ""));
    }
    if (update.phase === ActionPhase.TIMED_OUT) {
      throw new ChildActionError(`child action ${name} (task ${settings.name}) timed out${update.error?.message ? `: ${update.error.message}` : ""}`, failure("timeout", name, settings.name, update.error?.code ?? ""));
    }
    let error = update.error;
    let errorUri = error?.errorUri || undefined;
    if (!error && outputUri) {
      // FAILED without an error in the update: the child's own error document, under its output prefix.
      errorUri = joinUri(outputUri, "error.pb");
      try {
        const doc = fromBinary(ErrorDocumentSchema, await (await this.#options.storageFor(errorUri)).read(errorUri));
        if (doc.error) error = create(ExecutionErrorSchema, { code: doc.error.code, message: doc.error.message, kind: doc.error.origin, errorUri });
      } catch {
        // No readable error document: reported as an unknown failure below.
      }
    }
    // A "server|user" code keeps the user part.
    const code = (error?.code ?? "").split("|").pop() ?? "";
    const kind: ChildActionFailureKind = error?.kind === ExecutionError_ErrorKind.USER ? "user" : error?.kind === ExecutionError_ErrorKind.SYSTEM ? "system" : "unknown";
    const detail = error ? `${code ? `${code}: ` : ""}${error.message}` : "no error was reported";
    throw new ChildActionError(`child action ${name} (task ${settings.name}) failed: ${detail}`, { ...failure(kind, name, settings.name, code), errorUri });
  }
}

function failure(kind: ChildActionFailureKind, actionName: string, taskName: string, remoteCode: string) {
  return { kind, actionName, taskName, remoteCode };
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}
