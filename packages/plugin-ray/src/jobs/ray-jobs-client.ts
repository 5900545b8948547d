// A client for Ray's Job Submission REST API (the dashboard's /api/jobs/ and /api/packages/ routes), the
// same API `ray job submit` uses: submit an entrypoint with a runtime env (the working directory is
// zipped and uploaded as a package first), follow its status and logs, stop it, list jobs.
import { FlyteTsError } from "@flyte-ts/core";
import { httpCall } from "./http-request.ts";
import { packageWorkingDir } from "./working-dir-package.ts";

/** A job's status as Ray reports it. */
export type RayJobStatus = "PENDING" | "RUNNING" | "STOPPED" | "SUCCEEDED" | "FAILED";

const TERMINAL: ReadonlySet<RayJobStatus> = new Set(["STOPPED", "SUCCEEDED", "FAILED"]);

/** What `GET /api/jobs/<id>` answers (the fields used here; Ray sends more, kept as they come). */
export interface RayJobDetails {
  type?: string;
  job_id: string | null;
  submission_id: string;
  entrypoint: string;
  status: RayJobStatus;
  message?: string | null;
  error_type?: string | null;
  start_time?: number | null;
  end_time?: number | null;
  metadata?: Record<string, string> | null;
  runtime_env?: Record<string, unknown> | null;
  driver_exit_code?: number | null;
  [key: string]: unknown;
}

export interface RaySubmitOptions {
  /**
   * Required. Shell command the job runs, e.g. "python main.py --epochs 3".
   *
   * Validation: a non-empty string.
   */
  entrypoint: string;
  /**
   * Id of the submission; a second submission with the same id is refused by Ray.
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: Ray makes one up
   */
  submissionId?: string;
  /**
   * A local directory shipped as the job's working directory: its code files (chosen as for a code
   * bundle, so never node_modules, .git or credentials) are zipped and uploaded to the cluster first.
   *
   * Validation: an existing directory with at least one file, at most 500 MiB of files.
   *
   * @defaultValue `undefined`: no working directory (the entrypoint runs where Ray starts it)
   */
  workingDir?: string;
  /**
   * Ray runtime env (pip, env_vars, py_modules, …); `workingDir` and `envVars` are merged into it.
   *
   * Validation: a JSON object; Ray checks its fields.
   *
   * @defaultValue `undefined`: none
   */
  runtimeEnv?: Record<string, unknown>;
  /**
   * Environment variables of the job (runtime_env.env_vars).
   *
   * Validation: string values.
   *
   * @defaultValue `undefined`: none
   */
  envVars?: Record<string, string>;
  /**
   * CPUs reserved for the entrypoint itself.
   *
   * Validation: a number ≥ 0.
   *
   * @defaultValue `undefined`: Ray's (0)
   */
  entrypointNumCpus?: number;
  /**
   * GPUs reserved for the entrypoint itself.
   *
   * Validation: a number ≥ 0.
   *
   * @defaultValue `undefined`: Ray's (0)
   */
  entrypointNumGpus?: number;
  /**
   * Memory in bytes reserved for the entrypoint itself.
   *
   * Validation: an integer ≥ 0.
   *
   * @defaultValue `undefined`: Ray's (0)
   */
  entrypointMemory?: number;
  /**
   * Custom resources reserved for the entrypoint.
   *
   * Validation: numbers ≥ 0.
   *
   * @defaultValue `undefined`: none
   */
  entrypointResources?: Record<string, number>;
  /**
   * String labels kept with the job.
   *
   * Validation: string values.
   *
   * @defaultValue `undefined`: none
   */
  metadata?: Record<string, string>;
}

export interface RayWaitOptions {
  /**
   * Give up after this many milliseconds (the job keeps running).
   *
   * Validation: a number ≥ 0.
   *
   * @defaultValue `undefined`: no limit
   */
  timeoutMs?: number;
  /**
   * Poll interval in milliseconds.
   *
   * Validation: a number > 0.
   *
   * @defaultValue `1000`
   */
  pollMs?: number;
  /**
   * Where phase changes are written, one line each.
   *
   * Validation: a function.
   *
   * @defaultValue `undefined`: a line on process.stderr
   */
  log?: (line: string) => void;
}

export interface RayJobsClientOptions {
  /**
   * Headers sent with every request (e.g. an Authorization header for a proxied dashboard).
   *
   * Validation: string values; never Sec-Fetch-* (Ray refuses them).
   *
   * @defaultValue `{}`
   */
  headers?: Record<string, string>;
  /**
   * Per-request timeout in milliseconds.
   *
   * Validation: a number > 0.
   *
   * @defaultValue `60000`
   */
  requestTimeoutMs?: number;
}

/** Problems of submit options, with their field paths; empty when they are valid. */
export function submitOptionIssues(options: RaySubmitOptions): string[] {
  const issues: string[] = [];
  const nonNegative = (path: string, value: unknown, integer = false) => {
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) issues.push(`${path}: must be ${integer ? "an integer" : "a number"} ≥ 0, got ${JSON.stringify(value)}`);
  };
  const strings = (path: string, value: unknown) => {
    if (value === undefined) return;
    if (typeof value !== "object" || value === null || Array.isArray(value)) issues.push(`${path}: must be an object of strings`);
    else for (const [key, v] of Object.entries(value)) if (typeof v !== "string") issues.push(`${path}.${key}: must be a string, got ${typeof v}`);
  };
  if (typeof options.entrypoint !== "string" || options.entrypoint.trim() === "") issues.push("entrypoint: a non-empty shell command is required");
  if (options.submissionId !== undefined && (typeof options.submissionId !== "string" || options.submissionId === "")) issues.push("submissionId: must be a non-empty string");
  nonNegative("entrypointNumCpus", options.entrypointNumCpus);
  nonNegative("entrypointNumGpus", options.entrypointNumGpus);
  nonNegative("entrypointMemory", options.entrypointMemory, true);
  for (const [key, value] of Object.entries(options.entrypointResources ?? {})) nonNegative(`entrypointResources.${key}`, value);
  strings("envVars", options.envVars);
  strings("metadata", options.metadata);
  if (options.runtimeEnv !== undefined && (typeof options.runtimeEnv !== "object" || options.runtimeEnv === null || Array.isArray(options.runtimeEnv))) issues.push("runtimeEnv: must be an object");
  return issues;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jobs of one Ray cluster, reached through its dashboard, e.g. `new RayJobsClient("http://127.0.0.1:8265")`. */
export class RayJobsClient {
  readonly dashboardUrl: string;
  private readonly headers: Record<string, string>;
  private readonly requestTimeoutMs: number;

  constructor(dashboardUrl: string, options: RayJobsClientOptions = {}) {
    const url = /^https?:\/\//.test(dashboardUrl) ? dashboardUrl : `http://${dashboardUrl}`;
    try {
      new URL(url);
    } catch {
      throw new FlyteTsError("INVALID_CONFIG", `dashboardUrl: not a URL: ${JSON.stringify(dashboardUrl)} (expected e.g. "http://127.0.0.1:8265")`);
    }
    this.dashboardUrl = url.replace(/\/+$/, "");
    this.headers = options.headers ?? {};
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  private async call(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
    const url = new URL(this.dashboardUrl + path);
    let res;
    try {
      res = await httpCall(method, url, body, { ...this.headers, ...headers }, this.requestTimeoutMs);
    } catch (err) {
      throw new FlyteTsError("EXECUTION", `Ray Jobs API ${method} ${path} at ${this.dashboardUrl} failed: ${(err as Error).message}`, { cause: err });
    }
    return res;
  }

  private async json<T>(method: string, path: string, payload?: unknown): Promise<T> {
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    const res = await this.call(method, path, body, body === undefined ? {} : { "content-type": "application/json" });
    const text = res.body.toString("utf8");
    if (res.status < 200 || res.status >= 300) {
      throw new FlyteTsError("EXECUTION", `Ray Jobs API ${method} ${path} answered ${res.status}: ${text.trim().slice(0, 2000)}`);
    }
    return JSON.parse(text) as T;
  }

  /** Zips `dir` (code files only) and uploads it unless the cluster has it already; returns its gcs:// URI. */
  async uploadWorkingDir(dir: string): Promise<string> {
    const pkg = packageWorkingDir(dir);
    const path = `/api/packages/gcs/${pkg.uri.slice("gcs://".length)}`;
    const head = await this.call("GET", path);
    if (head.status === 404) {
      const put = await this.call("PUT", path, pkg.zip, { "content-type": "application/octet-stream" });
      if (put.status < 200 || put.status >= 300) {
        throw new FlyteTsError("EXECUTION", `Ray Jobs API PUT ${path} answered ${put.status}: ${put.body.toString("utf8").trim().slice(0, 2000)}`);
      }
    } else if (head.status < 200 || head.status >= 300) {
      throw new FlyteTsError("EXECUTION", `Ray Jobs API GET ${path} answered ${head.status}: ${head.body.toString("utf8").trim().slice(0, 2000)}`);
    }
    return pkg.uri;
  }

  /** Submits a job; resolves with its submission id. */
  async submit(options: RaySubmitOptions): Promise<string> {
    const issues = submitOptionIssues(options);
    if (issues.length > 0) throw new FlyteTsError("INVALID_CONFIG", `Invalid Ray job submission (${issues.length} problem${issues.length > 1 ? "s" : ""}):\n  - ${issues.join("\n  - ")}`);
    const runtimeEnv: Record<string, unknown> = { ...(options.runtimeEnv ?? {}) };
    if (options.envVars) runtimeEnv.env_vars = { ...((runtimeEnv.env_vars as Record<string, string> | undefined) ?? {}), ...options.envVars };
    if (options.workingDir !== undefined) runtimeEnv.working_dir = await this.uploadWorkingDir(options.workingDir);
    const payload: Record<string, unknown> = { entrypoint: options.entrypoint };
    if (options.submissionId !== undefined) payload.submission_id = options.submissionId;
    if (Object.keys(runtimeEnv).length > 0) payload.runtime_env = runtimeEnv;
    if (options.metadata) payload.metadata = options.metadata;
    if (options.entrypointNumCpus !== undefined) payload.entrypoint_num_cpus = options.entrypointNumCpus;
    if (options.entrypointNumGpus !== undefined) payload.entrypoint_num_gpus = options.entrypointNumGpus;
    if (options.entrypointMemory !== undefined) payload.entrypoint_memory = options.entrypointMemory;
    if (options.entrypointResources) payload.entrypoint_resources = options.entrypointResources;
    const answer = await this.json<{ submission_id: string; job_id?: string }>("POST", "/api/jobs/", payload);
    return answer.submission_id;
  }

  /** The job's details: status, message, times, exit code. */
  status(submissionId: string): Promise<RayJobDetails> {
    return this.json<RayJobDetails>("GET", `/api/jobs/${encodeURIComponent(submissionId)}`);
  }

  /** The job's whole driver log so far. */
  async logs(submissionId: string): Promise<string> {
    return (await this.json<{ logs: string }>("GET", `/api/jobs/${encodeURIComponent(submissionId)}/logs`)).logs;
  }

  /** Asks Ray to stop the job; resolves with whether it was still running. */
  async stop(submissionId: string): Promise<boolean> {
    return (await this.json<{ stopped: boolean }>("POST", `/api/jobs/${encodeURIComponent(submissionId)}/stop`)).stopped;
  }

  /** Every job the cluster knows, oldest first as Ray lists them. */
  list(): Promise<RayJobDetails[]> {
    return this.json<RayJobDetails[]>("GET", "/api/jobs/");
  }

  /**
   * Waits until the job ends (SUCCEEDED, FAILED or STOPPED) and resolves with its details; every phase
   * change is logged ("ray job <id>: RUNNING"). With `timeoutMs`, rejects once it has passed; the job
   * itself keeps running (stop it with {@link RayJobsClient.stop}).
   */
  async wait(submissionId: string, options: RayWaitOptions = {}): Promise<RayJobDetails> {
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
    let last: RayJobStatus | undefined;
    for (;;) {
      const details = await this.status(submissionId);
      if (details.status !== last) {
        last = details.status;
        log(`ray job ${submissionId}: ${details.status}${details.message && TERMINAL.has(details.status) ? ` (${details.message})` : ""}`);
      }
      if (TERMINAL.has(details.status)) return details;
      if (Date.now() >= deadline) {
        throw new FlyteTsError("EXECUTION", `Ray job ${submissionId} is still ${details.status} after ${options.timeoutMs} ms (it keeps running; stop it with stop())`);
      }
      await sleep(Math.min(options.pollMs ?? 1000, Math.max(0, deadline - Date.now())));
    }
  }

  /**
   * Streams the job's log to `write` (default process.stderr) as it grows, until the job ends; resolves
   * with the job's final details.
   */
  async followLogs(submissionId: string, write: (chunk: string) => void = (chunk) => process.stderr.write(chunk), pollMs = 1000): Promise<RayJobDetails> {
    let seen = 0;
    for (;;) {
      const details = await this.status(submissionId);
      const logs = await this.logs(submissionId);
      if (logs.length > seen) {
        write(logs.slice(seen));
        seen = logs.length;
      }
      if (TERMINAL.has(details.status)) {
        const rest = await this.logs(submissionId);
        if (rest.length > seen) write(rest.slice(seen));
        return details;
      }
      await sleep(pollMs);
    }
  }

  /** Submits, follows the log to stderr, and fails unless the job succeeded. */
  async run(options: RaySubmitOptions, follow: (chunk: string) => void = (chunk) => process.stderr.write(chunk)): Promise<RayJobDetails> {
    const id = await this.submit(options);
    const details = await this.followLogs(id, follow);
    if (details.status !== "SUCCEEDED") {
      throw new FlyteTsError("EXECUTION", `Ray job ${id} ${details.status}${details.message ? `: ${details.message}` : ""}`);
    }
    return details;
  }
}
