// The fake control plane's `flyteidl2.actions.ActionsService` (the only action API the v2.0.43 backend
// mounts, controller contract §9), on the official descriptors: Enqueue records the action in the store
// and hands it to the executor, WatchForUpdates streams the parent and its direct children (snapshot,
// then the sentinel, then live updates), Abort cascades to descendants. Error codes are the backend's,
// not the ideal ones: an existing action or a missing parent is INTERNAL (contract §3), as is any Abort
// failure (§7).
//
// Register it on a Connect router (then `attach` the executor once the server's address is known): `router.service(ActionsService, service.impl)`, or pass
// `service.routes` to connectNodeAdapter. Test controls: `dropWatches()` ends every open watch stream
// (as a restarted backend pod would); `enqueued` lists every Enqueue request the service accepted.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import {
  type AbortRequest, type Action, ActionsService, type EnqueueRequest, type WatchForUpdatesRequest, type WatchForUpdatesResponse,
  AbortResponseSchema, EnqueueResponseSchema, WatchForUpdatesResponseSchema,
} from "../../src/gen/flyteidl2/actions/actions_service_pb.ts";
import { ActionIdentifierSchema } from "../../src/gen/flyteidl2/common/identifier_pb.ts";
import { TaskSpecSchema } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";
import { type ActionUpdate, ActionUpdateSchema } from "../../src/gen/flyteidl2/workflow/state_service_pb.ts";
import { ActionPhase, type ActionStore, ActionStoreError, type StoredAction, isTerminal } from "./action-store.ts";
import type { ActionExecutor } from "./executor.ts";

export interface ActionsServiceOptions {
  store: ActionStore;
  /** Runs each enqueued task action; absent: actions stay QUEUED (tests drive the store themselves). */
  executor?: ActionExecutor;
}

/** The ActionsService of the fake, with its test controls. */
export class FakeActionsService {
  readonly #store: ActionStore;
  #executor: ActionExecutor | undefined;
  readonly #watches = new Set<() => void>();
  /** Every Enqueue request accepted, in order. */
  readonly enqueued: Action[] = [];
  /** Every Abort request received, in order (accepted or not). */
  readonly abortRequests: AbortRequest[] = [];
  /** While set, updates of FAILED actions carry no error (the child's error.pb is the only record). */
  updatesWithoutErrors = false;
  /** While set, WatchForUpdates fails with UNAVAILABLE (a control plane that is restarting). */
  refuseWatches = false;
  /** WatchForUpdates calls refused so far. */
  watchesRefused = 0;
  /** When each WatchForUpdates stream was opened, in order. */
  readonly watchesOpened: Date[] = [];

  constructor(options: ActionsServiceOptions) {
    this.#store = options.store;
    this.#executor = options.executor;
  }

  /**
   * Sets the executor that runs enqueued actions. The executor needs the server's address and the
   * server needs this service, so it may come after the server started.
   */
  attach(executor: ActionExecutor): void {
    this.#executor = executor;
  }

  /** The handlers, for `router.service(ActionsService, impl)`. */
  get impl(): Partial<ServiceImpl<typeof ActionsService>> {
    return {
      enqueue: (req) => this.#enqueue(req),
      watchForUpdates: (req, context) => this.#watch(req, context),
      abort: (req) => this.#abort(req),
    };
  }

  /** Registers the service on a Connect router (connectNodeAdapter's `routes`). */
  readonly routes = (router: ConnectRouter): void => {
    router.service(ActionsService, this.impl);
  };

  /** Ends every open WatchForUpdates stream cleanly; returns how many were open. */
  dropWatches(): number {
    const n = this.#watches.size;
    for (const drop of [...this.#watches]) drop();
    return n;
  }

  /** Number of WatchForUpdates streams open now. */
  get openWatches(): number {
    return this.#watches.size;
  }

  async #enqueue(req: EnqueueRequest) {
    const action = req.action;
    const id = action?.actionId;
    if (!action || !id?.run?.name || !id.name) throw new ConnectError("action.action_id with a run name and an action name is required", Code.InvalidArgument);
    if (action.spec.case === "condition") throw new ConnectError("condition actions are not supported by the fake", Code.Unimplemented);
    if (action.spec.case === undefined) throw new ConnectError("action.spec is required (task or trace)", Code.InvalidArgument);
    if (action.spec.case === "task" && !action.spec.value.spec) {
      throw new ConnectError(`action ${id.name}: the inline task spec is required (tasks are never looked up by id)`, Code.InvalidArgument);
    }
    let stored: StoredAction;
    try {
      stored = this.#store.create({
        id,
        parent: action.parentActionName,
        spec: action.spec.case === "task" ? action.spec.value.spec! : create(TaskSpecSchema),
        taskId: action.spec.case === "task" ? action.spec.value.id : undefined,
        cacheKey: action.spec.case === "task" ? action.spec.value.cacheKey : undefined,
        inputUri: action.inputUri,
        runOutputBase: action.runOutputBase,
        group: action.group,
      });
    } catch (error) {
      // The backend surfaces the Kubernetes create/get failures as INTERNAL (KC:143-146, 166-168).
      if (error instanceof ActionStoreError) throw new ConnectError(error.message, Code.Internal);
      throw error;
    }
    this.enqueued.push(action);
    if (action.spec.case === "trace") {
      // A trace already ran in its parent: the backend only records it (KC:211-236).
      this.#store.transition(stored.run, stored.name, ActionPhase.SUCCEEDED, { outputUri: action.runOutputBase });
    } else {
      void this.#executor?.start(stored.run, stored.name);
    }
    return create(EnqueueResponseSchema);
  }

  async #abort(req: AbortRequest) {
    this.abortRequests.push(req);
    const id = req.actionId;
    const action = id?.run?.name ? this.#store.get(id.run.name, id.name) : undefined;
    if (!id || !action) throw new ConnectError(`action ${id?.run?.name ?? ""}/${id?.name ?? ""} does not exist`, Code.Internal);
    if (this.#executor) await this.#executor.abort(action.run, action.name, req.reason ?? "aborted by request");
    else {
      for (const a of [...this.#store.descendants(action.run, action.name).reverse(), action]) {
        if (!isDone(a)) this.#store.transition(a.run, a.name, ActionPhase.ABORTED);
      }
    }
    return create(AbortResponseSchema);
  }

  async *#watch(req: WatchForUpdatesRequest, context: HandlerContext): AsyncGenerator<WatchForUpdatesResponse> {
    if (req.filter.case !== "parentActionId" || !req.filter.value.run?.name) {
      throw new ConnectError("filter.parent_action_id with a run name is required", Code.InvalidArgument);
    }
    const parent = req.filter.value;
    if (this.refuseWatches) {
      this.watchesRefused++;
      throw new ConnectError("the control plane is restarting", Code.Unavailable);
    }
    this.watchesOpened.push(new Date());
    const pending: ActionUpdate[] = [];
    let wake: (() => void) | undefined;
    let dropped = false;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    const sub = this.#store.subscribe({ run: parent.run!.name, parent: parent.name }, (a) => {
      pending.push(toUpdate(a, !this.updatesWithoutErrors));
      notify();
    });
    const drop = () => {
      dropped = true;
      notify();
    };
    this.#watches.add(drop);
    context.signal.addEventListener("abort", drop);
    try {
      for (const a of sub.snapshot) yield create(WatchForUpdatesResponseSchema, { message: { case: "actionUpdate", value: toUpdate(a, !this.updatesWithoutErrors) } });
      yield create(WatchForUpdatesResponseSchema, { message: { case: "controlMessage", value: { sentinel: true } } });
      while (!dropped) {
        const next = pending.shift();
        if (next) {
          yield create(WatchForUpdatesResponseSchema, { message: { case: "actionUpdate", value: next } });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      sub.unsubscribe();
      this.#watches.delete(drop);
      context.signal.removeEventListener("abort", drop);
    }
  }
}

const isDone = (a: StoredAction) => isTerminal(a.phase);

/**
 * The update the backend sends for an action: org left empty (contract §6), the error only when FAILED,
 * the output URI of the attempt that ended it.
 */
export function toUpdate(a: StoredAction, withError = true): ActionUpdate {
  return create(ActionUpdateSchema, {
    actionId: create(ActionIdentifierSchema, { run: { org: "", project: a.id.run?.project ?? "", domain: a.id.run?.domain ?? "", name: a.run }, name: a.name }),
    phase: a.phase,
    error: withError && a.phase === ActionPhase.FAILED ? a.error : undefined,
    outputUri: a.outputUri ?? "",
  });
}
