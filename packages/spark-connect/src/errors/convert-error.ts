import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema } from "../gen/google/rpc/error_details_pb.ts";
import type { FetchErrorDetailsResponse } from "../gen/spark/connect/base_pb.ts";
import {
  AnalysisException,
  ArithmeticException,
  DateTimeException,
  IllegalArgumentException,
  NumberFormatException,
  OperationCancelledError,
  ParseException,
  SparkConnectError,
  SparkRuntimeException,
  type SparkConnectErrorInit,
} from "./spark-connect-error.ts";

type ErrorClass = new (message: string, init: SparkConnectErrorInit) => SparkConnectError;

// Most specific first: ParseException extends AnalysisException on the JVM too.
const BY_JVM_CLASS: [string, ErrorClass][] = [
  ["org.apache.spark.sql.catalyst.parser.ParseException", ParseException],
  ["org.apache.spark.sql.AnalysisException", AnalysisException],
  ["java.lang.NumberFormatException", NumberFormatException],
  ["java.lang.IllegalArgumentException", IllegalArgumentException],
  ["java.lang.ArithmeticException", ArithmeticException],
  ["java.time.DateTimeException", DateTimeException],
  ["org.apache.spark.SparkRuntimeException", SparkRuntimeException],
];

/** The fields carried in `grpc-status-details-bin` (google.rpc.ErrorInfo). */
export interface ErrorInfoFields {
  errorClass?: string;
  sqlState?: string;
  messageParameters?: Record<string, string>;
  classes: string[];
  errorId?: string;
  stackTrace?: string;
}

export function readErrorInfo(err: ConnectError): ErrorInfoFields | undefined {
  const info = err.findDetails(ErrorInfoSchema)[0];
  if (!info) return undefined;
  const md = info.metadata;
  const json = <T>(text: string | undefined): T | undefined => {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  };
  return {
    errorClass: md.errorClass || undefined,
    sqlState: md.sqlState || undefined,
    messageParameters: json<Record<string, string>>(md.messageParameters),
    classes: json<string[]>(md.classes) ?? [],
    errorId: md.errorId || undefined,
    stackTrace: md.stackTrace || undefined,
  };
}

/**
 * Turns a failed call into a {@link SparkConnectError}: error class, SQL state and parameters from the
 * status details (and from FetchErrorDetails when the server kept the error), the JVM class choosing the
 * subclass. The gRPC framing ("[unknown] …") never reaches the message.
 */
export function convertError(err: unknown, details?: FetchErrorDetailsResponse, info?: ErrorInfoFields): SparkConnectError {
  if (err instanceof SparkConnectError) return err;
  if (!(err instanceof ConnectError)) {
    if (err instanceof Error && err.name === "AbortError") return new OperationCancelledError("the operation was cancelled", { code: "CANCELLED", cause: err });
    return new SparkConnectError(err instanceof Error ? err.message : String(err), { code: "PROTOCOL", cause: err });
  }
  info ??= readErrorInfo(err);
  const root = details?.errors[details.rootErrorIdx ?? 0];
  const throwable = root?.sparkThrowable;
  const classes = root?.errorTypeHierarchy.length ? root.errorTypeHierarchy : (info?.classes ?? []);
  const errorClass = throwable?.errorClass ?? info?.errorClass;
  const init: SparkConnectErrorInit = {
    code: err.code === Code.Unavailable ? "UNAVAILABLE" : err.code === Code.Canceled ? "CANCELLED" : info ? "SERVER_ERROR" : "PROTOCOL",
    errorClass,
    sqlState: throwable?.sqlState ?? info?.sqlState,
    messageParameters: throwable ? { ...throwable.messageParameters } : info?.messageParameters,
    exceptionClasses: classes,
    queryContexts: throwable?.queryContexts.map((q) => ({ objectType: q.objectType, objectName: q.objectName, startIndex: q.startIndex, stopIndex: q.stopIndex, fragment: q.fragment })),
    serverStackTrace: info?.stackTrace ?? (root?.stackTrace.length ? root.stackTrace.map((f) => `\tat ${f.declaringClass}.${f.methodName}(${f.fileName ?? "Unknown"}:${f.lineNumber})`).join("\n") : undefined),
    grpcCode: err.code,
    cause: err,
  };
  const message = (root?.message || err.rawMessage || `gRPC ${Code[err.code]}`).trim();
  if (errorClass === "OPERATION_CANCELED" || err.code === Code.Canceled) return new OperationCancelledError(message, { ...init, code: "CANCELLED" });
  const Class = BY_JVM_CLASS.find(([name]) => classes.includes(name))?.[1] ?? SparkConnectError;
  return new Class(message, init);
}
