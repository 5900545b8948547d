// The fake control plane's in-memory record of actions: what the v2.0.43 backend keeps as one TaskAction
// custom resource per action (`<run>-<action>`), with its phase history, and the change feed its
// informer gives WatchForUpdates. Shared by the ActionsService (child actions, Enqueue/Watch/Abort) and
// the RunService (root action `a0`), and driven by the executor (executor.ts).
//
// Actions are keyed by run name and action name: the fake serves one org/project/domain at a time, and
// the backend's own updates leave the org empty, so watchers match by name as well (contract §6).
import { create } from "@bufbuild/protobuf";
import { type ActionIdentifier, ActionIdentifierSchema } from "../../src/gen/flyteidl2/common/identifier_pb.ts";
import { ActionPhase } from "../../src/gen/flyteidl2/common/phase_pb.ts";
import type { ExecutionError } from "../../src/gen/flyteidl2/core/execution_pb.ts";
import type { TaskIdentifier } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";
import type { TaskSpec } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";

export { ActionPhase };

/** ACTION_PHASE_RECOVERED (10): in the backend's phase.proto, not yet in the npm flyteidl2 2.0.16 enum. */
export const RECOVERED_PHASE = 10 as ActionPhase;

/** Phases after which an action never changes again (RECOVERED counts as success). */
export const TERMINAL_PHASES: ReadonlySet<ActionPhase> = new Set([
  ActionPhase.SUCCEEDED, ActionPhase.FAILED, ActionPhase.ABORTED, ActionPhase.TIMED_OUT, RECOVERED_PHASE,
]);

export const isTerminal = (phase: ActionPhase): boolean => TERMINAL_PHASES.has(phase);

/** One phase change, as the backend's action events record it. */
export interface PhaseTransition {
  readonly phase: ActionPhase;
  readonly at: Date;
  /** 1-based attempt the change belongs to (0 before the first attempt starts). */
  readonly attempt: number;
}

/** What a caller supplies to create an action (the fields of `flyteidl2.actions.Action` the fake uses). */
export interface NewAction {
  /** Full id; `run.name` and `name` are the key. */
  id: ActionIdentifier;
  /** Name of the parent action in the same run; absent for the root action. */
  parent?: string;
  /** The inline TaskSpec to run (mandatory: the backend never looks tasks up by id). */
  spec: TaskSpec;
  taskId?: TaskIdentifier;
  cacheKey?: string;
  /** Full URI of the action's inputs.pb. */
  inputUri: string;
  /** The run's output base (`_U_RUN_BASE` of the action). */
  runOutputBase: string;
  /** Group name, "" when none. */
  group?: string;
}

/** An action as stored. Mutated only through {@link ActionStore} methods; listeners get the live object. */
export interface StoredAction {
  readonly id: ActionIdentifier;
  readonly run: string;
  readonly name: string;
  readonly parent: string | undefined;
  readonly spec: TaskSpec;
  readonly taskId: TaskIdentifier | undefined;
  readonly cacheKey: string | undefined;
  readonly inputUri: string;
  readonly runOutputBase: string;
  readonly group: string;
  readonly createdAt: Date;
  phase: ActionPhase;
  /** Attempts started so far (1-based number of the current attempt). */
  attempts: number;
  readonly transitions: PhaseTransition[];
  /** Set when the action FAILED (or TIMED_OUT / ABORTED with a reason). */
  error: ExecutionError | undefined;
  /** Output prefix of the attempt that ended it (outputs.pb, or error.pb for a failure, lives under it). */
  outputUri: string | undefined;
}

export type StoreErrorCode = "ALREADY_EXISTS" | "PARENT_NOT_FOUND" | "NOT_FOUND" | "TERMINAL";

export class ActionStoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string) {
    super(message);
    this.name = "ActionStoreError";
  }
}

/** Called once per change of an action (creation included), synchronously, after the change. */
export type ActionListener = (action: StoredAction) => void;

export interface Subscription {
  /** The actions that matched when the subscription started (parent first, then children by creation). */
  readonly snapshot: readonly StoredAction[];
  unsubscribe(): void;
}

/** Which changes a subscriber sees: one run, optionally only one parent and its direct children. */
export interface ActionFilter {
  run: string;
  /** The parent action's name: it and its direct children match. Absent: every action of the run. */
  parent?: string;
}

const key = (run: string, name: string) => `${run}\u0000${name}`;

/** In-memory actions of every run, with a change feed. Not thread-safe by design: Node runs it on one loop. */
export class ActionStore {
  readonly #actions = new Map<string, StoredAction>();
  readonly #listeners = new Set<{ filter: ActionFilter; listener: ActionListener }>();

  /**
   * Records a new action in QUEUED. Throws ALREADY_EXISTS for an existing (run, name) and
   * PARENT_NOT_FOUND when `parent` is not an action of the run (the backend's owner reference).
   */
  create(input: NewAction): StoredAction {
    const run = input.id.run?.name ?? "";
    const name = input.id.name;
    if (this.#actions.has(key(run, name))) throw new ActionStoreError("ALREADY_EXISTS", `action ${run}/${name} already exists`);
    if (input.parent !== undefined && !this.#actions.has(key(run, input.parent))) {
      throw new ActionStoreError("PARENT_NOT_FOUND", `parent action ${run}/${input.parent} of ${name} does not exist`);
    }
    const now = new Date();
    const action: StoredAction = {
      id: create(ActionIdentifierSchema, input.id),
      run,
      name,
      parent: input.parent,
      spec: input.spec,
      taskId: input.taskId,
      cacheKey: input.cacheKey,
      inputUri: input.inputUri,
      runOutputBase: input.runOutputBase,
      group: input.group ?? "",
      createdAt: now,
      phase: ActionPhase.QUEUED,
      attempts: 0,
      transitions: [{ phase: ActionPhase.QUEUED, at: now, attempt: 0 }],
      error: undefined,
      outputUri: undefined,
    };
    this.#actions.set(key(run, name), action);
    this.#emit(action);
    return action;
  }

  get(run: string, name: string): StoredAction | undefined {
    return this.#actions.get(key(run, name));
  }

  /** Like {@link get}, throwing NOT_FOUND. */
  require(run: string, name: string): StoredAction {
    const action = this.get(run, name);
    if (!action) throw new ActionStoreError("NOT_FOUND", `action ${run}/${name} does not exist`);
    return action;
  }

  /** Direct children of an action, in creation order. */
  children(run: string, parent: string): StoredAction[] {
    return [...this.#actions.values()].filter((a) => a.run === run && a.parent === parent);
  }

  /** Every descendant of an action (children first, then theirs). */
  descendants(run: string, name: string): StoredAction[] {
    const out: StoredAction[] = [];
    for (let frontier = [name]; frontier.length > 0;) {
      const next = frontier.flatMap((p) => this.children(run, p));
      out.push(...next);
      frontier = next.map((a) => a.name);
    }
    return out;
  }

  /** Every action of a run, in creation order. */
  actionsOf(run: string): StoredAction[] {
    return [...this.#actions.values()].filter((a) => a.run === run);
  }

  /**
   * Moves an action to a phase. `attempt` starts a new attempt when it is larger than the current one.
   * A terminal action does not move again (throws TERMINAL), as the backend ignores late events.
   */
  transition(run: string, name: string, phase: ActionPhase, details: { attempt?: number; error?: ExecutionError; outputUri?: string } = {}): StoredAction {
    const action = this.require(run, name);
    if (isTerminal(action.phase)) throw new ActionStoreError("TERMINAL", `action ${run}/${name} is already ${ActionPhase[action.phase]}`);
    if (details.attempt !== undefined && details.attempt > action.attempts) action.attempts = details.attempt;
    action.phase = phase;
    if (details.error) action.error = details.error;
    if (details.outputUri !== undefined) action.outputUri = details.outputUri;
    action.transitions.push({ phase, at: new Date(), attempt: action.attempts });
    this.#emit(action);
    return action;
  }

  /**
   * Subscribes to changes of the matching actions. The snapshot and the subscription are taken together
   * (no change can fall between them), so a watcher that sends the snapshot and then the updates misses
   * nothing.
   */
  subscribe(filter: ActionFilter, listener: ActionListener): Subscription {
    const entry = { filter, listener };
    const matching = [...this.#actions.values()].filter((a) => matches(filter, a));
    if (filter.parent !== undefined) matching.sort((a, b) => Number(b.name === filter.parent) - Number(a.name === filter.parent));
    this.#listeners.add(entry);
    return { snapshot: matching, unsubscribe: () => this.#listeners.delete(entry) };
  }

  #emit(action: StoredAction): void {
    for (const { filter, listener } of [...this.#listeners]) {
      if (matches(filter, action)) listener(action);
    }
  }
}

function matches(filter: ActionFilter, action: StoredAction): boolean {
  if (action.run !== filter.run) return false;
  return filter.parent === undefined || action.name === filter.parent || action.parent === filter.parent;
}
