import { FlyteTsError } from "../errors.ts";
import type { FailureStage, TaskFailure } from "./task-failure.ts";

/**
 * How a task ended outside its own promise chain:
 * - NEVER_SETTLED: the event loop ran dry while the task (or its module's top-level await) was still
 *   pending, so nothing could ever settle it (Node would exit 13 with no result);
 * - UNHANDLED_REJECTION / UNCAUGHT_EXCEPTION: a promise rejected with no handler, or a callback (a timer,
 *   an event listener) threw (Node would print a stack and exit 1);
 * - PROCESS_EXIT: user code called `process.exit` before the task finished;
 * - TERMINATED: the process was told to stop (SIGTERM from the kubelet, Ctrl-C).
 */
export type InterruptionCode = "NEVER_SETTLED" | "UNHANDLED_REJECTION" | "UNCAUGHT_EXCEPTION" | "PROCESS_EXIT" | "TERMINATED";

/** An interruption, as an error that `error.pb` and the CLI can report. */
export class Interruption extends FlyteTsError {
  readonly interruption: InterruptionCode;
  /** The signal, for TERMINATED. */
  readonly signal: NodeJS.Signals | undefined;
  constructor(code: InterruptionCode, message: string, options: { cause?: unknown; signal?: NodeJS.Signals } = {}) {
    super("INTERRUPTED", message, { cause: options.cause });
    this.name = "Interruption";
    this.interruption = code;
    this.signal = options.signal;
  }
}

export interface ProcessGuardOptions {
  /** Signals that stop the task (a0: SIGTERM and SIGINT; the CLI: SIGINT and SIGTERM). */
  readonly signals: readonly NodeJS.Signals[];
  /**
   * When the task listens to a signal itself (a connector that cancels its remote run on Ctrl-C), let it
   * act on the first one and interrupt only on the second. Otherwise the first signal interrupts.
   */
  readonly letTaskHandleFirstSignal?: boolean;
  /** Progress lines (events after the task finished are logged, not reported). */
  readonly log: (line: string) => void;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Watches the process while one task runs, so that every way it can end leaves a result: the first
 * interruption settles {@link ProcessGuard.interrupted}. `process.exit` is replaced until the guard is
 * disposed: a call from user code becomes a PROCESS_EXIT interruption (and throws, so the code after it
 * does not run); after {@link ProcessGuard.finish} it exits with the task's exit code whatever it is given,
 * so a stray timer cannot turn a reported result into a failed container.
 */
export class ProcessGuard {
  readonly interrupted: Promise<Interruption>;
  #interrupt!: (interruption: Interruption) => void;
  #fired: Interruption | undefined;
  #finished = false;
  #returned = false;
  #exitCode: number | undefined;
  #signalsSeen = 0;
  readonly #exit: typeof process.exit;
  readonly #options: ProcessGuardOptions;
  // Process listeners take event-specific arguments.
  readonly #listeners: Array<[string, (...args: any[]) => void]> = [];

  constructor(options: ProcessGuardOptions) {
    this.#options = options;
    this.interrupted = new Promise((resolve) => (this.#interrupt = resolve));
    this.#exit = process.exit;
    const exit = this.#exit;
    process.exit = ((code?: number | string | null) => {
      if (this.#finished) return exit.call(process, this.#exitCode ?? (typeof process.exitCode === "number" ? process.exitCode : 0));
      if (this.#returned) {
        options.log(`after the task returned: user code called process.exit(${code ?? ""}); ignored`);
        throw new Interruption("PROCESS_EXIT", "process.exit called after the task returned");
      }
      this.#fire(new Interruption("PROCESS_EXIT", `user code called process.exit(${code ?? ""}) before the task finished; a task reports failure by throwing an error`));
      // Stops the caller as exit would; a catch in user code cannot undo the interruption.
      throw new Interruption("PROCESS_EXIT", "process.exit called during a task");
    }) as typeof process.exit;

    this.#on("unhandledRejection", (reason: unknown) => {
      this.#fire(new Interruption("UNHANDLED_REJECTION", `a promise rejected and nothing handled it: ${describe(reason)}`, { cause: reason }));
    });
    this.#on("uncaughtException", (error: unknown) => {
      this.#fire(new Interruption("UNCAUGHT_EXCEPTION", `an error was thrown outside the task's promise chain (e.g. in a timer or event callback): ${describe(error)}`, { cause: error }));
    });
    this.#on("beforeExit", () => {
      this.#fire(new Interruption("NEVER_SETTLED", "it awaits a promise that can never settle: nothing is left that could settle it (no timer, socket or child process)"));
    });
    for (const signal of options.signals) {
      this.#on(signal, () => this.#onSignal(signal));
    }
  }

  /**
   * The task's code has returned and only the runtime's own work is left (writing the result): stray
   * callbacks of the task (a timer that throws, a late `process.exit`) are only logged from now on.
   * Signals still interrupt.
   */
  taskReturned(): void {
    this.#returned = true;
  }

  /** The task has finished and its result is reported: later events are only logged. */
  finish(exitCode?: number): void {
    this.#finished = true;
    this.#exitCode = exitCode;
  }

  /** Removes every handler and gives `process.exit` back. */
  dispose(): void {
    process.exit = this.#exit;
    for (const [event, listener] of this.#listeners) process.off(event as "beforeExit", listener);
    this.#listeners.length = 0;
  }

  /** Exits now with `code`, bypassing the replaced `process.exit`. */
  exitNow(code: number): never {
    return this.#exit.call(process, code);
  }

  #onSignal(signal: NodeJS.Signals): void {
    this.#signalsSeen++;
    const exitCode = 128 + (SIGNAL_NUMBERS[signal] ?? 0);
    if (this.#finished || this.#signalsSeen > 1) {
      this.#options.log(`${signal} again: exiting now`);
      this.exitNow(this.#finished ? (this.#exitCode ?? exitCode) : exitCode);
    }
    const ours = this.#listeners.filter(([event]) => event === signal).length;
    if (this.#options.letTaskHandleFirstSignal && process.listenerCount(signal) > ours) {
      this.#options.log(`${signal}: asking the task to stop (again to exit now)`);
      return;
    }
    this.#fire(new Interruption("TERMINATED", `the process received ${signal} (${signal === "SIGTERM" ? "the pod is being stopped: deleted, preempted or evicted" : "interrupted"}) before the task finished`, { signal }));
  }

  #fire(interruption: Interruption): void {
    if (this.#finished || (this.#returned && interruption.interruption !== "TERMINATED")) {
      this.#options.log(`after the task ${this.#finished ? "finished" : "returned"}: ${interruption.message}; ignored`);
      return;
    }
    if (this.#fired) return;
    this.#fired = interruption;
    this.#interrupt(interruption);
  }

  #on(event: string, listener: (...args: any[]) => void): void {
    process.on(event as "beforeExit", listener);
    this.#listeners.push([event, listener]);
  }
}

/**
 * What error.pb says about an interruption. SIGTERM / SIGINT come from outside the task's code (the pod
 * is deleted, preempted or evicted): a system failure, retried. The rest are caused by the task's code
 * (its module while it loads, else its body): the user's, recoverable like any error a body throws.
 */
export function interruptionFailure(interruption: Interruption, stage: FailureStage, task: { taskName?: string; modulePath: string }): TaskFailure {
  const code = interruption.interruption;
  if (code === "TERMINATED") return { code, message: interruption.message, kind: "RECOVERABLE", origin: "SYSTEM" };
  const loading = stage === "load";
  const subject = loading ? `${task.modulePath} did not finish loading` : `${task.taskName ?? task.modulePath} did not finish`;
  const message = code === "NEVER_SETTLED" ? `${subject}: ${loading ? "its top-level code" : "it"} ${interruption.message.replace(/^it /, "")}` : `${subject}: ${interruption.message}`;
  return { code, message, kind: "RECOVERABLE", origin: loading ? "UNKNOWN" : "USER" };
}

/** "TypeError: boom" for an error, the value itself otherwise; never a stack. */
export function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name && value.name !== "Error" ? value.name : value.constructor?.name || "Error"}: ${value.message}`;
  try {
    return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
