// A stand-in for the Databricks Jobs API (runs/submit, runs/get, runs/cancel) on 127.0.0.1, for tests
// and offline examples. It checks the bearer token, scripts each run's states and injects faults.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One runs/get answer's `state`. */
export interface FakeRunState {
  life_cycle_state: string;
  result_state?: string;
  state_message?: string;
}

/** A fault answered instead of the real response (one per request, in order). */
export type FakeFault =
  | {
    status: number;
    body?: string;
    retryAfterSeconds?: number;
    /** A Retry-After header as given (e.g. an HTTP date); wins over retryAfterSeconds. */
    retryAfter?: string;
  }
  | { delayMs: number }
  | { malformed: true };

export type FakeEndpoint = "submit" | "get" | "cancel";

export interface FakeJobsServerOptions {
  /** The only token accepted; anything else gets 403. */
  token: string;
  /** The states successive runs/get calls of a run return; the last one repeats. */
  states?: FakeRunState[];
  /** Faults per endpoint, consumed one per request before normal answers resume. */
  faults?: Partial<Record<FakeEndpoint, FakeFault[]>>;
  /** Id of the first run (a string, to test ids beyond 2^53). */
  firstRunId?: string;
  jobId?: string;
  /** Let the process exit while the server is still listening (examples). */
  unref?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

export interface FakeRun {
  readonly runId: string;
  readonly body: Record<string, unknown>;
  gets: number;
  cancelled: boolean;
  cancelGets: number;
}

export interface FakeJobsServer {
  /** Base URL, e.g. "http://127.0.0.1:41234". */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly runs: Map<string, FakeRun>;
  /** Queues more faults for an endpoint, answered before normal answers resume. */
  injectFaults(endpoint: FakeEndpoint, ...faults: FakeFault[]): void;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_STATES: readonly FakeRunState[] = [
  { life_cycle_state: "PENDING", state_message: "Waiting for cluster" },
  { life_cycle_state: "RUNNING" },
  { life_cycle_state: "TERMINATED", result_state: "SUCCESS", state_message: "" },
];

export async function startFakeJobsServer(options: FakeJobsServerOptions): Promise<FakeJobsServer> {
  const requests: RecordedRequest[] = [];
  const runs = new Map<string, FakeRun>();
  const byToken = new Map<string, string>();
  const faults = { submit: [...(options.faults?.submit ?? [])], get: [...(options.faults?.get ?? [])], cancel: [...(options.faults?.cancel ?? [])] };
  const states = options.states ?? DEFAULT_FAKE_STATES;
  const jobId = options.jobId ?? "77";
  let nextRunId = BigInt(options.firstRunId ?? "1001");
  let url = "";

  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => void answer(req, res, body));
  });

  async function answer(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const path = req.url ?? "/";
    requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization, body });
    const endpoint = endpointOf(req.method, path);
    if (!endpoint) return send(res, 404, `{"error_code":"ENDPOINT_NOT_FOUND","message":"No API found for ${req.method} ${path}"}`);
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return send(res, 403, '{"error_code":"PERMISSION_DENIED","message":"Invalid access token."}');
    }
    const fault = faults[endpoint].shift();
    if (fault && "delayMs" in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    else if (fault && "malformed" in fault) return send(res, 200, '{"run_id": 12, "state": ');
    else if (fault) return send(res, fault.status, fault.body ?? `{"error_code":"TEMPORARILY_UNAVAILABLE","message":"fault ${fault.status}"}`, fault.retryAfter ?? fault.retryAfterSeconds);
    if (endpoint === "submit") return submit(res, body);
    if (endpoint === "cancel") return cancel(res, body);
    return get(res, new URL(path, "http://x").searchParams.get("run_id") ?? "");
  }

  function submit(res: ServerResponse, body: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      return send(res, 400, '{"error_code":"MALFORMED_REQUEST","message":"Invalid JSON given in the body of the request"}');
    }
    const request = parsed as Record<string, unknown>;
    const token = typeof request.idempotency_token === "string" ? request.idempotency_token : undefined;
    const existing = token ? byToken.get(token) : undefined;
    const runId = existing ?? String(nextRunId++);
    if (!existing) runs.set(runId, { runId, body: request, gets: 0, cancelled: false, cancelGets: 0 });
    if (token) byToken.set(token, runId);
    send(res, 200, `{"run_id": ${runId}}`);
  }

  function get(res: ServerResponse, runId: string): void {
    const run = runs.get(runId);
    if (!run) return send(res, 400, `{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run ${runId} does not exist."}`);
    let state: FakeRunState;
    if (run.cancelled) {
      state = run.cancelGets++ === 0
        ? { life_cycle_state: "TERMINATING", state_message: "Run cancellation requested" }
        : { life_cycle_state: "TERMINATED", result_state: "CANCELED", state_message: "Run cancelled." };
    } else {
      state = states[Math.min(run.gets, states.length - 1)]!;
    }
    run.gets++;
    send(res, 200, `{"job_id": ${jobId}, "run_id": ${runId}, "run_page_url": "${url}/?o=1#job/${jobId}/run/${runId}", "state": ${JSON.stringify(state)}}`);
  }

  function cancel(res: ServerResponse, body: string): void {
    const runId = /"run_id"\s*:\s*"?([0-9]+)/.exec(body)?.[1] ?? "";
    const run = runs.get(runId);
    if (!run) return send(res, 400, `{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run ${runId} does not exist."}`);
    const current = states[Math.min(Math.max(run.gets - 1, 0), states.length - 1)]!;
    if (!run.cancelled && current.life_cycle_state !== "TERMINATED") run.cancelled = true;
    send(res, 200, "{}");
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  if (options.unref) {
    // Kept-alive connections would hold the process open too.
    server.unref();
    server.on("connection", (socket) => socket.unref());
  }
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    runs,
    injectFaults: (endpoint, ...more) => void faults[endpoint].push(...more),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function endpointOf(method: string | undefined, path: string): FakeEndpoint | undefined {
  const route = path.split("?")[0];
  if (method === "POST" && route === "/api/2.1/jobs/runs/submit") return "submit";
  if (method === "GET" && route === "/api/2.1/jobs/runs/get") return "get";
  if (method === "POST" && route === "/api/2.1/jobs/runs/cancel") return "cancel";
  return undefined;
}

function send(res: ServerResponse, status: number, body: string, retryAfter?: number | string): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  res.writeHead(status, headers).end(body);
}
