// One watch per (run, parent action) (controller contract §3, §6): WatchForUpdates streams the parent
// and its direct children as a snapshot, a sentinel, then live updates. The informer keeps the latest
// update of every child by name — an update for any name marks that child started, so a retried parent
// never enqueues a child it already has — and reconnects when the stream ends or fails, resynchronising
// from the new snapshot (which also recovers updates a full server buffer dropped).
import { create } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import type { ActionsService } from "../../gen/flyteidl2/actions/actions_service_pb.ts";
import { type ActionIdentifier, ActionIdentifierSchema } from "../../gen/flyteidl2/common/identifier_pb.ts";
import { ActionPhase } from "../../gen/flyteidl2/common/phase_pb.ts";
import type { ActionUpdate } from "../../gen/flyteidl2/workflow/state_service_pb.ts";
import { refusedCredentials } from "./refused-credentials.ts";

/** ACTION_PHASE_RECOVERED (10), a success; not in the npm flyteidl2 2.0.16 enum. */
export const PHASE_RECOVERED = 10 as ActionPhase;
const TERMINAL = new Set<ActionPhase>([ActionPhase.SUCCEEDED, ActionPhase.FAILED, ActionPhase.ABORTED, ActionPhase.TIMED_OUT, PHASE_RECOVERED]);
export const isTerminalPhase = (phase: ActionPhase): boolean => TERMINAL.has(phase);

export interface InformerOptions {
  /** How long to wait for the first sentinel before carrying on (the reference: 5 s). */
  readyTimeoutMs?: number;
  /** Delay before reconnect number `n` (1-based); the reference: min(2^n, 30) s. */
  reconnectDelayMs?: (n: number) => number;
  /** Failed connections in a row that end the watch for good (the reference: 40). */
  maxReconnects?: number;
  log?: (line: string) => void;
}

/** Why the watch gave up; every pending wait rejects with it. */
export class InformerFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InformerWatchFailure";
  }
}

export class ActionInformer {
  readonly #client: Client<typeof ActionsService>;
  readonly #parent: ActionIdentifier;
  readonly #options: Required<Omit<InformerOptions, "log">> & { log: (line: string) => void };
  readonly #latest = new Map<string, ActionUpdate>();
  readonly #waiters = new Map<string, Set<{ resolve: (u: ActionUpdate) => void; reject: (e: unknown) => void }>>();
  readonly #stop = new AbortController();
  #failure: InformerFailure | undefined;
  #ready: Promise<void> | undefined;
  /** Streams opened so far (1 + reconnects). */
  connections = 0;

  constructor(client: Client<typeof ActionsService>, parent: ActionIdentifier, options: InformerOptions = {}) {
    this.#client = client;
    this.#parent = create(ActionIdentifierSchema, parent);
    this.#options = {
      readyTimeoutMs: options.readyTimeoutMs ?? 5000,
      reconnectDelayMs: options.reconnectDelayMs ?? ((n) => Math.min(2 ** n, 30) * 1000),
      maxReconnects: options.maxReconnects ?? 40,
      log: options.log ?? (() => undefined),
    };
  }

  /** Starts watching (once); resolves at the first sentinel, or after the ready timeout. */
  start(): Promise<void> {
    this.#ready ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.#options.readyTimeoutMs);
      timer.unref?.();
      void this.#run(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.#ready;
  }

  /** The latest update of a child, if any was seen (a child seen in any phase has been started). */
  latest(name: string): ActionUpdate | undefined {
    return this.#latest.get(name);
  }

  /** Resolves with the child's first terminal update; rejects if the watch fails for good. */
  waitForTerminal(name: string): Promise<ActionUpdate> {
    const known = this.#latest.get(name);
    if (known && isTerminalPhase(known.phase)) return Promise.resolve(known);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const set = this.#waiters.get(name) ?? new Set();
      set.add({ resolve, reject });
      this.#waiters.set(name, set);
    });
  }

  /** Ends the watch. Pending waits stay pending: nothing will answer them. */
  stop(): void {
    this.#stop.abort();
  }

  async #run(onSentinel: () => void): Promise<void> {
    let failures = 0;
    while (!this.#stop.signal.aborted) {
      this.connections++;
      try {
        const stream = this.#client.watchForUpdates(
          { filter: { case: "parentActionId", value: this.#parent } },
          { signal: this.#stop.signal },
        );
        for await (const response of stream) {
          failures = 0;
          if (response.message.case === "controlMessage" && response.message.value.sentinel) onSentinel();
          else if (response.message.case === "actionUpdate") this.#apply(response.message.value);
        }
        this.#options.log(`watch of ${this.#parent.name}'s children ended; reconnecting`);
      } catch (error) {
        if (this.#stop.signal.aborted) return;
        this.#options.log(`watch of ${this.#parent.name}'s children failed: ${(error as Error).message}`);
        if (refusedCredentials(error)) {
          // Reconnecting cannot help when the credentials are missing or refused: fail now, not after 40 tries.
          this.#fail(new InformerFailure(`the watch of ${this.#parent.name}'s child actions cannot start: ${(error as Error).message}`, { cause: error }));
          onSentinel();
          return;
        }
      }
      if (this.#stop.signal.aborted) return;
      failures++;
      if (failures > this.#options.maxReconnects) {
        this.#fail(new InformerFailure(`the watch of ${this.#parent.name}'s child actions failed ${failures} times in a row`));
        onSentinel();
        return;
      }
      await sleep(this.#options.reconnectDelayMs(failures), this.#stop.signal);
    }
  }

  #apply(update: ActionUpdate): void {
    const name = update.actionId?.name;
    if (!name || name === this.#parent.name) return;
    const previous = this.#latest.get(name);
    // A terminal phase is final: a late or replayed non-terminal update does not undo it.
    if (previous && isTerminalPhase(previous.phase)) return;
    this.#latest.set(name, update);
    if (!isTerminalPhase(update.phase)) return;
    const waiters = this.#waiters.get(name);
    this.#waiters.delete(name);
    for (const w of waiters ?? []) w.resolve(update);
  }

  #fail(failure: InformerFailure): void {
    this.#failure = failure;
    const all = [...this.#waiters.values()];
    this.#waiters.clear();
    for (const set of all) for (const w of set) w.reject(failure);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
