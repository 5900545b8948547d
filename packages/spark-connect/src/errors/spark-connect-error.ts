/**
 * What kind of failure a {@link SparkConnectError} is:
 * - `SERVER_ERROR`: Spark reported an error (see `errorClass`, `sqlState`);
 * - `UNAVAILABLE`: the server could not be reached;
 * - `CANCELLED`: the caller aborted (AbortSignal) or the operation was interrupted;
 * - `INVALID_URL`: the `sc://` URL is malformed;
 * - `INVALID_ARGUMENT`: a client-side argument is outside its allowed values;
 * - `SESSION_CHANGED`: the server's session changed under the client (server restart);
 * - `SESSION_STOPPED`: the session was stopped with `stop()`;
 * - `PROTOCOL`: the server answered something this client cannot read.
 */
export type SparkConnectErrorCode =
  | "SERVER_ERROR"
  | "UNAVAILABLE"
  | "CANCELLED"
  | "INVALID_URL"
  | "INVALID_ARGUMENT"
  | "SESSION_CHANGED"
  | "SESSION_STOPPED"
  | "PROTOCOL";

/** Where in the query an error is, as Spark reports it. */
export interface QueryContext {
  objectType: string;
  objectName: string;
  startIndex: number;
  stopIndex: number;
  fragment: string;
}

/** Fields of a {@link SparkConnectError}. */
export interface SparkConnectErrorInit {
  code: SparkConnectErrorCode;
  errorClass?: string;
  sqlState?: string;
  messageParameters?: Record<string, string>;
  exceptionClasses?: string[];
  queryContexts?: QueryContext[];
  serverStackTrace?: string;
  grpcCode?: number;
  cause?: unknown;
}

/**
 * An error of the Spark Connect client. Errors Spark reports carry its error class (e.g.
 * `TABLE_OR_VIEW_NOT_FOUND`), SQL state (e.g. `42P01`) and message parameters; the message is Spark's.
 */
export class SparkConnectError extends Error {
  override name = "SparkConnectError";
  readonly code: SparkConnectErrorCode;
  /** Spark's error class, e.g. `PARSE_SYNTAX_ERROR`. */
  readonly errorClass: string | undefined;
  /** The SQLSTATE, e.g. `42601`. */
  readonly sqlState: string | undefined;
  readonly messageParameters: Record<string, string>;
  /** The JVM exception classes, most specific first (e.g. `org.apache.spark.sql.AnalysisException`). */
  readonly exceptionClasses: string[];
  readonly queryContexts: QueryContext[];
  /** The server's stack trace, when the server sends it (`spark.sql.connect.serverStacktrace.enabled`). */
  readonly serverStackTrace: string | undefined;
  /** The gRPC status code, when the error came from a call. */
  readonly grpcCode: number | undefined;

  constructor(message: string, init: SparkConnectErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.errorClass = init.errorClass;
    this.sqlState = init.sqlState;
    this.messageParameters = init.messageParameters ?? {};
    this.exceptionClasses = init.exceptionClasses ?? [];
    this.queryContexts = init.queryContexts ?? [];
    this.serverStackTrace = init.serverStackTrace;
    this.grpcCode = init.grpcCode;
  }
}

/** Spark's `AnalysisException`: a missing table or column, a type mismatch found at analysis. */
export class AnalysisException extends SparkConnectError {
  override name = "AnalysisException";
}
/** Spark's `ParseException`: the SQL text does not parse. */
export class ParseException extends AnalysisException {
  override name = "ParseException";
}
/** Spark's `ArithmeticException` (e.g. division by zero, overflow under ANSI mode). */
export class ArithmeticException extends SparkConnectError {
  override name = "ArithmeticException";
}
/** Spark's `NumberFormatException` (e.g. a failed cast of a string under ANSI mode). */
export class NumberFormatException extends SparkConnectError {
  override name = "NumberFormatException";
}
/** Spark's `IllegalArgumentException`. */
export class IllegalArgumentException extends SparkConnectError {
  override name = "IllegalArgumentException";
}
/** Spark's `DateTimeException` (an invalid date or timestamp under ANSI mode). */
export class DateTimeException extends SparkConnectError {
  override name = "DateTimeException";
}
/** Spark's `SparkRuntimeException` and other runtime failures of a query. */
export class SparkRuntimeException extends SparkConnectError {
  override name = "SparkRuntimeException";
}
/** The operation was interrupted (the caller's AbortSignal, or `interruptAll`). */
export class OperationCancelledError extends SparkConnectError {
  override name = "OperationCancelledError";
  /** The id of the cancelled operation, when the client cancelled it. */
  operationId: string | undefined;
  /** Whether the server reported interrupting the running operation (Interrupt by operation id). */
  interruptedOnServer: boolean | undefined;
}
