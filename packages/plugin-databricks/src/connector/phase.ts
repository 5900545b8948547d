/** The connector phases of the Flyte backend's connector plugin. */
export type ConnectorPhase =
  | "UNDEFINED" | "QUEUED" | "WAITING_FOR_RESOURCES" | "INITIALIZING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED" | "RETRYABLE_FAILED";

export function isTerminal(phase: ConnectorPhase): boolean {
  return phase === "SUCCEEDED" || phase === "FAILED" || phase === "ABORTED" || phase === "RETRYABLE_FAILED";
}

// Every RunLifeCycleState of the Jobs API. The reference maps only some of them and raises on QUEUED,
// BLOCKED and WAITING_FOR_RETRY; TERMINATED is decided by the result state.
const LIFE_CYCLE_PHASES: Readonly<Record<string, ConnectorPhase>> = {
  QUEUED: "QUEUED",
  BLOCKED: "QUEUED",
  WAITING_FOR_RETRY: "QUEUED",
  PENDING: "INITIALIZING",
  RUNNING: "RUNNING",
  TERMINATING: "RUNNING",
  SKIPPED: "FAILED",
  INTERNAL_ERROR: "RETRYABLE_FAILED",
};

// Every RunResultState. A cancelled run is ABORTED (the reference says FAILED); a run the workspace did
// not start because of its concurrency limit may succeed later, so it is retryable.
const RESULT_PHASES: Readonly<Record<string, ConnectorPhase>> = {
  SUCCESS: "SUCCEEDED",
  SUCCESS_WITH_FAILURES: "SUCCEEDED",
  FAILED: "FAILED",
  TIMEDOUT: "FAILED",
  CANCELED: "ABORTED",
  MAXIMUM_CONCURRENT_RUNS_REACHED: "RETRYABLE_FAILED",
  EXCLUDED: "FAILED",
  UPSTREAM_FAILED: "FAILED",
  UPSTREAM_CANCELED: "ABORTED",
  DISABLED: "FAILED",
};

// The newer RunStatus (`status`), used when a response has no `state`.
const STATUS_PHASES: Readonly<Record<string, ConnectorPhase>> = {
  QUEUED: "QUEUED", BLOCKED: "QUEUED", WAITING: "QUEUED", PENDING: "INITIALIZING", RUNNING: "RUNNING", TERMINATING: "RUNNING",
};
const TERMINATION_CODE_PHASES: Readonly<Record<string, ConnectorPhase>> = {
  SUCCESS: "SUCCEEDED", SUCCESS_WITH_FAILURES: "SUCCEEDED", CANCELED: "ABORTED", USER_CANCELED: "ABORTED", SKIPPED: "FAILED", DISABLED: "FAILED",
  MAX_CONCURRENT_RUNS_EXCEEDED: "RETRYABLE_FAILED", MAX_JOB_QUEUE_SIZE_EXCEEDED: "RETRYABLE_FAILED", MAX_SPARK_CONTEXTS_EXCEEDED: "RETRYABLE_FAILED",
  CLUSTER_REQUEST_LIMIT_EXCEEDED: "RETRYABLE_FAILED", WORKSPACE_RUN_LIMIT_EXCEEDED: "RETRYABLE_FAILED",
};
const TERMINATION_TYPE_PHASES: Readonly<Record<string, ConnectorPhase>> = {
  SUCCESS: "SUCCEEDED", CLIENT_ERROR: "FAILED", INTERNAL_ERROR: "RETRYABLE_FAILED", CLOUD_FAILURE: "RETRYABLE_FAILED",
};

export interface RunStateJson {
  life_cycle_state?: string;
  result_state?: string;
  state_message?: string | null;
}
export interface RunStatusJson {
  state?: string;
  termination_details?: { type?: string; code?: string; message?: string };
}

export interface PhaseInfo {
  readonly phase: ConnectorPhase;
  /** The Databricks state it came from, e.g. "TERMINATED/CANCELED" or "QUEUED". */
  readonly state: string;
  readonly message: string;
}

/** The phase of a runs/get response. States this version does not know keep the run polling (UNDEFINED) or, once terminated, fail it. */
export function phaseOf(run: { state?: RunStateJson; status?: RunStatusJson }): PhaseInfo {
  const state = run.state;
  if (state?.life_cycle_state) {
    const life = state.life_cycle_state.toUpperCase();
    const message = state.state_message ?? "";
    if (life === "TERMINATED") {
      const result = (state.result_state ?? "").toUpperCase();
      const phase = RESULT_PHASES[result] ?? "FAILED";
      return { phase, state: `TERMINATED/${result || "(no result state)"}`, message: RESULT_PHASES[result] ? message : `unrecognized result state ${JSON.stringify(state.result_state ?? null)}${message ? `: ${message}` : ""}` };
    }
    return { phase: LIFE_CYCLE_PHASES[life] ?? "UNDEFINED", state: life, message };
  }
  const status = run.status;
  if (status?.state) {
    const current = status.state.toUpperCase();
    const details = status.termination_details ?? {};
    const message = details.message ?? "";
    if (current !== "TERMINATED") return { phase: STATUS_PHASES[current] ?? "UNDEFINED", state: current, message };
    const phase = TERMINATION_CODE_PHASES[details.code ?? ""] ?? TERMINATION_TYPE_PHASES[details.type ?? ""] ?? "FAILED";
    return { phase, state: `TERMINATED/${details.code ?? details.type ?? "(no termination details)"}`, message };
  }
  return { phase: "UNDEFINED", state: "(no state)", message: "" };
}
