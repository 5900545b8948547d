import { randomUUID } from "node:crypto";
import { redactSecrets } from "@flyte-ts/core";
import { type CallTrace, DatabricksApiError, callJobsApi, type JobsHttpOptions, type JobsResponse } from "./jobs-http.ts";
import { type PhaseInfo, phaseOf } from "./phase.ts";

/** The reference connector's endpoint prefix. */
export const JOBS_API_PATH = "/api/2.1/jobs";

export interface DatabricksConnectorOptions extends Omit<JobsHttpOptions, "baseUrl"> {
  /** Workspace host ("myorg.cloud.databricks.com", https is implied) or a base URL with scheme. */
  readonly host: string;
}

/** A runs/submit interrupted by its signal; `cancelledRunId` is the run it may have created, now cancelled. */
export class DatabricksSubmitInterrupted extends DatabricksApiError {
  readonly cancelledRunId: string | undefined;
  constructor(cancelledRunId: string | undefined) {
    super(cancelledRunId === undefined
      ? "Databricks runs/submit was interrupted before any run was created"
      : `Databricks runs/submit was interrupted; the run it created (${cancelledRunId}) was cancelled`);
    this.name = "DatabricksSubmitInterrupted";
    this.cancelledRunId = cancelledRunId;
  }
}

/** One runs/get answer, as a phase. */
export interface DatabricksRunInfo extends PhaseInfo {
  readonly runId: string;
  readonly jobId: string | undefined;
  /** Where the run is shown in the workspace. */
  readonly runPageUrl: string | undefined;
}

/** "https://<host>" for a bare host; a URL with a scheme is kept (without a trailing slash). */
export function baseUrlOf(host: string): string {
  const trimmed = host.replace(/\/+$/, "");
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/**
 * Databricks Jobs API calls of a Flyte Databricks task: runs/submit, runs/get and runs/cancel. The
 * token is only ever put into the Authorization header.
 */
export class DatabricksConnector {
  readonly baseUrl: string;
  readonly #http: JobsHttpOptions;
  readonly #cancels = new Map<string, Promise<void>>();

  constructor(options: DatabricksConnectorOptions) {
    const { host, ...http } = options;
    this.baseUrl = baseUrlOf(host);
    this.#http = { ...http, baseUrl: this.baseUrl };
  }

  /**
   * Submits a one-time run and returns its id (as a string: ids are int64). An idempotency token is
   * added when the body has none, so that a retried submission cannot start a second run. When `signal`
   * aborts, the submission stops at once and a run it may have created is cancelled (then a
   * {@link DatabricksSubmitInterrupted} is thrown).
   */
  async submit(body: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
    const payload = body.idempotency_token ? body : { ...body, idempotency_token: randomUUID() };
    const path = `${JOBS_API_PATH}/runs/submit`;
    const trace: CallTrace = { mayHaveTakenEffect: false };
    let response: JobsResponse;
    try {
      response = await callJobsApi(this.#http, "POST", path, JSON.stringify(payload), signal, trace);
    } catch (err) {
      if (!signal?.aborted) throw err;
      if (!trace.mayHaveTakenEffect) throw new DatabricksSubmitInterrupted(undefined);
      // Databricks may have created the run before the interruption. Submitting again with the same
      // idempotency token returns that run instead of creating another (or creates one if there was
      // none), so that it can be cancelled: no run is left running behind an interrupted submission.
      const again = await callJobsApi({ ...this.#http, maxAttempts: 2 }, "POST", path, JSON.stringify(payload));
      const runId = idField(again, "run_id");
      if (runId !== undefined) await this.cancel(runId);
      throw new DatabricksSubmitInterrupted(runId);
    }
    const runId = idField(response, "run_id");
    if (runId === undefined) throw new DatabricksApiError(`Databricks runs/submit answered without a run_id: ${response.text.slice(0, 200)}`, response.status);
    return runId;
  }

  /** The run's phase, Databricks state, message and page. */
  async get(runId: string, signal?: AbortSignal): Promise<DatabricksRunInfo> {
    const response = await callJobsApi(this.#http, "GET", `${JOBS_API_PATH}/runs/get?run_id=${encodeURIComponent(runId)}`, undefined, signal);
    const jobId = idField(response, "job_id");
    const page = response.json.run_page_url;
    const phase = phaseOf(response.json);
    return {
      ...phase,
      // A run's state message may echo what it was given (a token in a failed request, a URL with credentials).
      message: redactSecrets(phase.message, [this.#http.token]),
      runId,
      jobId,
      runPageUrl: typeof page === "string" && page !== "" ? page : this.runPageUrl(runId, jobId),
    };
  }

  /**
   * Cancels a run. Idempotent: a second call waits for the first, and a run that has already ended
   * or no longer exists counts as cancelled.
   */
  cancel(runId: string): Promise<void> {
    let pending = this.#cancels.get(runId);
    if (!pending) {
      pending = callJobsApi(this.#http, "POST", `${JOBS_API_PATH}/runs/cancel`, `{"run_id":${runId}}`).then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof DatabricksApiError && (err.errorCode === "INVALID_STATE" || err.errorCode === "RESOURCE_DOES_NOT_EXIST" || err.status === 404)) return;
          this.#cancels.delete(runId);
          throw err;
        },
      );
      this.#cancels.set(runId, pending);
    }
    return pending;
  }

  /** The run page as the reference links it (used when runs/get gives no run_page_url). */
  runPageUrl(runId: string, jobId: string | undefined): string | undefined {
    return jobId === undefined ? undefined : `${this.baseUrl}/#job/${jobId}/run/${runId}`;
  }
}

// A top-level integer id, read from the text when JSON numbers would lose its precision.
function idField(response: JobsResponse, key: string): string | undefined {
  const value = response.json[key];
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string" && /^[0-9]+$/.test(value)) return value;
  if (typeof value !== "number") return undefined;
  const match = new RegExp(`"${key}"\\s*:\\s*([0-9]+)`).exec(response.text);
  return match?.[1];
}
