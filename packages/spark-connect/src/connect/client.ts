import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import {
  AnalyzePlanRequestSchema,
  ConfigRequest_OperationSchema,
  InterruptRequest_InterruptType,
  SparkConnectService,
  UserContextSchema,
  type AnalyzePlanResponse,
  type ConfigResponse,
  type ExecutePlanResponse,
  type FetchErrorDetailsResponse,
  type Plan,
  type UserContext,
} from "../gen/spark/connect/base_pb.ts";
import { convertError, readErrorInfo } from "../errors/convert-error.ts";
import { OperationCancelledError, SparkConnectError } from "../errors/spark-connect-error.ts";
import type { ConnectionString } from "./connection-string.ts";

/** The Spark version whose protocol this client was generated from. */
export const CLIENT_SPARK_VERSION = "4.3.0";
const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
// Unary calls retry an unreachable server for about 4 s (50 ms × 4ⁿ): long enough for a blip, short enough
// that connecting to a wrong address fails promptly. Result streams reattach for longer (see execute).
const UNARY_RETRIES = 4;
// Responses already read are released on the server (ReleaseExecute "until") once this many bytes of them
// have accumulated, and all at once when the execution ends. Releasing after every response, as the
// protocol allows, costs a round trip per response: five for `SELECT 1`, on the server's cores too.
const RELEASE_STEP_BYTES = 4 * 1024 * 1024;

/** Options of one execution. */
export interface ExecuteOptions {
  /**
   * Aborting stops the result stream and asks the server to interrupt the operation; the call rejects with
   * an {@link OperationCancelledError}.
   *
   * Validation: an AbortSignal.
   * @defaultValue `undefined`
   */
  signal?: AbortSignal;
  /**
   * Tags of the operation, for `SparkSession.interruptTag`.
   *
   * Validation: each tag non-empty and without commas.
   * @defaultValue `[]`
   */
  tags?: string[];
}

type AnalyzeInit = MessageInitShape<typeof AnalyzePlanRequestSchema>["analyze"];
type ConfigOperationInit = MessageInitShape<typeof ConfigRequest_OperationSchema>["opType"];

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

function isRetriable(err: unknown): boolean {
  if (!(err instanceof ConnectError)) return false;
  return err.code === Code.Unavailable || (err.code === Code.Internal && err.rawMessage.includes("INVALID_CURSOR.DISCONNECTED"));
}

/**
 * The transport-level Spark Connect client: one session id, user context and client type for every call,
 * reattachable execution, retries of transient failures, and typed errors. {@link SparkSession} is the API
 * on top of it.
 */
export class SparkConnectClient {
  readonly sessionId: string;
  readonly userContext: UserContext;
  readonly clientType: string;
  private readonly service: Client<typeof SparkConnectService>;
  private readonly sessions: Http2SessionManager;
  private serverSideSessionId: string | undefined;
  private closed = false;
  /** @internal Counters for tests and diagnostics. */
  readonly stats = { executions: 0, reattaches: 0 };

  constructor(
    readonly connection: ConnectionString,
    options: { userAgent?: string } = {},
  ) {
    this.sessionId = connection.sessionId ?? randomUUID();
    this.userContext = create(UserContextSchema, { userId: connection.userId ?? process.env.USER ?? safeUserName() });
    const agent = connection.userAgent ?? options.userAgent ?? process.env.SPARK_CONNECT_USER_AGENT ?? "flyte-ts-spark-connect";
    this.clientType = `${agent} spark/${CLIENT_SPARK_VERSION} os/${process.platform} node/${process.version}`.slice(0, 2048);
    const baseUrl = `${connection.useSsl ? "https" : "http"}://${connection.host.includes(":") ? `[${connection.host}]` : connection.host}:${connection.port}`;
    const headers: Record<string, string> = { ...connection.headers };
    if (connection.token !== undefined) headers.authorization = `Bearer ${connection.token}`;
    const addHeaders: Interceptor = (next) => (req) => {
      for (const [k, v] of Object.entries(headers)) req.header.set(k, v);
      return next(req);
    };
    this.sessions = new Http2SessionManager(baseUrl, { pingIntervalMs: 30_000, pingTimeoutMs: 30_000, idleConnectionTimeoutMs: 60_000 });
    const transport = createGrpcTransport({
      baseUrl,
      sessionManager: this.sessions,
      interceptors: [addHeaders],
      readMaxBytes: MAX_MESSAGE_BYTES,
      writeMaxBytes: MAX_MESSAGE_BYTES,
    });
    this.service = createClient(SparkConnectService, transport);
  }

  private get common() {
    if (this.closed) throw new SparkConnectError("the Spark session was stopped", { code: "SESSION_STOPPED" });
    return {
      sessionId: this.sessionId,
      userContext: this.userContext,
      clientType: this.clientType,
      ...(this.serverSideSessionId ? { clientObservedServerSideSessionId: this.serverSideSessionId } : {}),
    };
  }

  /** Checks that the server kept our session: a different server-side id means it restarted. */
  private observe(response: { sessionId: string; serverSideSessionId: string }): void {
    if (response.sessionId && response.sessionId !== this.sessionId) {
      throw new SparkConnectError(`the server answered for session ${response.sessionId}, not ${this.sessionId}`, { code: "PROTOCOL" });
    }
    if (!response.serverSideSessionId) return;
    if (this.serverSideSessionId === undefined) this.serverSideSessionId = response.serverSideSessionId;
    else if (this.serverSideSessionId !== response.serverSideSessionId) {
      throw new SparkConnectError("the server's session changed (the server restarted); create a new SparkSession", { code: "SESSION_CHANGED" });
    }
  }

  /** Runs a unary call with retries of transient failures, converting errors. */
  private async unary<T extends { sessionId: string; serverSideSessionId: string }>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await call();
        this.observe(response);
        return response;
      } catch (err) {
        if (isRetriable(err) && attempt < UNARY_RETRIES && !signal?.aborted) {
          try {
            await sleep(50 * 4 ** attempt, signal);
            continue;
          } catch {
            // aborted while waiting
          }
        }
        if (signal?.aborted) throw new OperationCancelledError("the operation was cancelled by the caller's AbortSignal", { code: "CANCELLED", cause: err });
        throw await this.toError(err);
      }
    }
  }

  /** A typed error, with the full details fetched from the server when it kept them. */
  async toError(err: unknown): Promise<SparkConnectError> {
    if (err instanceof SparkConnectError) return err;
    let details: FetchErrorDetailsResponse | undefined;
    const info = err instanceof ConnectError ? readErrorInfo(err) : undefined;
    if (info?.errorId && !this.closed) {
      try {
        details = await this.service.fetchErrorDetails({ ...this.common, errorId: info.errorId }, { timeoutMs: 10_000 });
      } catch {
        // best effort: the status details already say what happened
      }
    }
    return convertError(err, details, info);
  }

  async analyze(analyze: AnalyzeInit, signal?: AbortSignal): Promise<AnalyzePlanResponse> {
    return this.unary(() => this.service.analyzePlan({ ...this.common, analyze }, { signal }), signal);
  }

  async config(opType: ConfigOperationInit, signal?: AbortSignal): Promise<ConfigResponse> {
    return this.unary(() => this.service.config({ ...this.common, operation: { opType } }, { signal }), signal);
  }

  /** Interrupts operations of this session: all of them, those with a tag, or one by id. Returns the ids interrupted. */
  async interrupt(target: { all: true } | { tag: string } | { operationId: string }): Promise<string[]> {
    const request =
      "all" in target
        ? { interruptType: InterruptRequest_InterruptType.ALL }
        : "tag" in target
          ? { interruptType: InterruptRequest_InterruptType.TAG, interrupt: { case: "operationTag" as const, value: target.tag } }
          : { interruptType: InterruptRequest_InterruptType.OPERATION_ID, interrupt: { case: "operationId" as const, value: target.operationId } };
    const response = await this.unary(() => this.service.interrupt({ ...this.common, ...request }));
    return response.interruptedIds;
  }

  private releaseExecute(operationId: string, release: { case: "releaseAll"; value: object } | { case: "releaseUntil"; value: { responseId: string } }): void {
    if (this.closed) return;
    // Fire and forget: releasing only frees server memory; a failure changes nothing for the caller.
    this.service.releaseExecute({ ...this.common, operationId, release }, { timeoutMs: 30_000 }).catch(() => undefined);
  }

  /**
   * Executes a plan and yields its responses. The execution is reattachable: when the stream ends early or
   * breaks with a transient error, it reattaches after the last response received; responses already read
   * are released on the server in steps of a few MiB, and all of them when the execution ends. Aborting `signal` interrupts the operation on the server.
   */
  async *execute(plan: MessageInitShape<typeof import("../gen/spark/connect/base_pb.ts").PlanSchema> | Plan, options: ExecuteOptions = {}): AsyncGenerator<ExecutePlanResponse> {
    const { signal, tags } = options;
    for (const tag of tags ?? []) {
      if (tag === "" || tag.includes(",")) throw new SparkConnectError(`tags: ${JSON.stringify(tag)} must be non-empty and contain no ","`, { code: "INVALID_ARGUMENT" });
    }
    signal?.throwIfAborted();
    const operationId = randomUUID();
    let lastResponseId: string | undefined;
    let unreleasedBytes = 0;
    let complete = false;
    let interrupted: Promise<boolean> | undefined;
    const onAbort = () => {
      interrupted ??= this.interrupt({ operationId }).then(
        (ids) => ids.includes(operationId),
        () => false,
      );
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const controller = new AbortController();
    const callSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    try {
      let attempt = 0;
      for (;;) {
        const first = lastResponseId === undefined && attempt === 0;
        if (first) this.stats.executions++;
        else this.stats.reattaches++;
        const stream =
          first
            ? this.service.executePlan(
                { ...this.common, operationId, plan, tags: tags ?? [], requestOptions: [{ requestOption: { case: "reattachOptions", value: { reattachable: true } } }] },
                { signal: callSignal },
              )
            : this.service.reattachExecute({ ...this.common, operationId, ...(lastResponseId ? { lastResponseId } : {}) }, { signal: callSignal });
        try {
          for await (const response of stream) {
            this.observe(response);
            attempt = 0;
            if (response.responseType.case === "arrowBatch") unreleasedBytes += response.responseType.value.data.byteLength;
            if (response.responseType.case === "resultComplete") complete = true;
            if (response.responseId) {
              lastResponseId = response.responseId;
              if (unreleasedBytes >= RELEASE_STEP_BYTES && !complete) {
                unreleasedBytes = 0;
                this.releaseExecute(operationId, { case: "releaseUntil", value: { responseId: response.responseId } });
              }
            }
            yield response;
          }
        } catch (err) {
          if (signal?.aborted) throw err;
          const info = err instanceof ConnectError ? readErrorInfo(err) : undefined;
          const lost = info?.errorClass?.startsWith("INVALID_HANDLE.OPERATION_NOT_FOUND") || info?.errorClass?.startsWith("INVALID_HANDLE.SESSION_NOT_FOUND");
          if (isRetriable(err) && attempt < 8) {
            await sleep(Math.min(50 * 4 ** attempt, 10_000), signal);
            attempt++;
            continue;
          }
          if (lost && lastResponseId === undefined && attempt < 8) {
            // The server never saw the operation (or lost it before any result): run it again from the start.
            attempt = 0;
            lastResponseId = undefined;
            throw new SparkConnectError("the server lost the operation before returning a result", { code: "UNAVAILABLE", cause: err });
          }
          throw err;
        }
        if (complete) return;
        // The stream ended without ResultComplete: the server cut it (stream duration/size limits); reattach.
        attempt++;
        if (attempt > 8) throw new SparkConnectError("the result stream kept ending without completing", { code: "PROTOCOL" });
      }
    } catch (err) {
      if (signal?.aborted) {
        onAbort();
        const stopped = await interrupted!;
        const error = new OperationCancelledError(
          stopped
            ? `operation ${operationId} was cancelled by the caller's AbortSignal and interrupted on the server`
            : `operation ${operationId} was cancelled by the caller's AbortSignal (it was no longer running on the server)`,
          { code: "CANCELLED", cause: signal.reason },
        );
        error.operationId = operationId;
        error.interruptedOnServer = stopped;
        throw error;
      }
      throw await this.toError(err);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      controller.abort();
      this.releaseExecute(operationId, { case: "releaseAll", value: {} });
    }
  }

  /** Releases the session on the server and closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.service.releaseSession({ sessionId: this.sessionId, userContext: this.userContext, clientType: this.clientType }, { timeoutMs: 10_000 });
    } catch {
      // the server may already be gone; the session then expires there on its own
    } finally {
      this.closed = true;
      this.sessions.abort();
    }
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return "";
  }
}
