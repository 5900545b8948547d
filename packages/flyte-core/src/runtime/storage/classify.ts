import { redact } from "./redact.ts";
import { StorageError, type StorageFailure, type StorageOperation } from "./storage-error.ts";

/** The operation an error happened in, for its message. */
export interface OperationContext {
  readonly uri: string;
  readonly operation: StorageOperation;
  /** The local file of a download or upload. */
  readonly localPath?: string;
  /** Credential values to keep out of the message (see `secretValues`). */
  readonly secrets: readonly string[];
}

export function describeOperation(context: Pick<OperationContext, "uri" | "operation" | "localPath">): string {
  const { uri, operation, localPath } = context;
  switch (operation) {
    case "read":
      return `read ${uri}`;
    case "write":
      return `write ${uri}`;
    case "exists":
      return `check whether ${uri} exists`;
    case "download":
      return `download ${uri} to ${localPath ?? "a local file"}`;
    case "upload":
      return `upload ${localPath ?? "a local file"} to ${uri}`;
    case "parse":
      return `parse ${uri}`;
    case "open":
      return `open storage for ${uri}`;
  }
}

const NOT_FOUND_CODES = new Set(["ENOENT", "NoSuchKey", "NotFound", "NoSuchBucket", "BlobNotFound", "ContainerNotFound", "ResourceNotFound"]);
const DENIED_CODES = new Set([
  "EACCES",
  "EPERM",
  "AccessDenied",
  "Forbidden",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "AuthorizationFailure",
  "AuthenticationFailed",
  "AuthorizationPermissionMismatch",
]);
const THROTTLED_CODES = new Set(["SlowDown", "Throttling", "ThrottlingException", "TooManyRequests", "RequestLimitExceeded", "ServerBusy"]);
/** Network failures and timeouts of Node, undici and the SDKs: the request may well succeed if sent again. */
const UNAVAILABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EBUSY",
  "EAGAIN",
  "EMFILE",
  "ENFILE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "REQUEST_SEND_ERROR",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeTooSkewed",
  "InternalError",
  "ServiceUnavailable",
]);

type Loose = Record<string, unknown> & {
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  response?: { status?: unknown };
  details?: { errorCode?: unknown };
};

/** Class names that say nothing about what went wrong. */
const GENERIC_NAMES = new Set(["Error", "RestError", "ApiError", "GaxiosError", "S3ServiceException"]);

function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 100 && value < 600 ? value : undefined;
}

/** The HTTP status in an AWS (`$metadata.httpStatusCode`), Azure (`statusCode`) or GCS (`code`) error. */
function httpStatus(err: unknown): number | undefined {
  for (let e = err as Loose | undefined, depth = 0; e && typeof e === "object" && depth < 4; e = e.cause as Loose, depth++) {
    const status = asNumber(e.$metadata?.httpStatusCode) ?? asNumber(e.statusCode) ?? asNumber(e.status) ?? asNumber(e.code) ?? asNumber(e.response?.status);
    if (status !== undefined) return status;
  }
  return undefined;
}

/** Error codes and names along the cause chain (Azure's `details.errorCode`, `code`, `Code`, `name`), most specific first. */
function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  for (let e = err as Loose | undefined, depth = 0; e && typeof e === "object" && depth < 4; e = e.cause as Loose, depth++) {
    for (const value of [e.details?.errorCode, e.code, e.Code, e.name]) {
      if (typeof value === "string" && value !== "" && !GENERIC_NAMES.has(value) && !codes.includes(value)) codes.push(value);
    }
  }
  return codes;
}

function classifyFailure(status: number | undefined, codes: readonly string[]): StorageFailure {
  const has = (set: ReadonlySet<string>) => codes.some((code) => set.has(code));
  if (status === 404 || (status === undefined && has(NOT_FOUND_CODES))) return "not-found";
  if (status === 401 || status === 403 || (status === undefined && has(DENIED_CODES))) return "access-denied";
  if (status === 429 || has(THROTTLED_CODES)) return "throttled";
  if (status === 408 || (status !== undefined && status >= 500) || (status === undefined && has(UNAVAILABLE_CODES))) return "unavailable";
  if (status === undefined && codes.some((code) => code.startsWith("UND_ERR_"))) return "unavailable";
  return "failed";
}

const FAILURE_WORDS: Record<StorageFailure, string> = {
  "not-found": "not found",
  "access-denied": "access denied",
  throttled: "throttled by the storage service",
  unavailable: "storage service unavailable or network error",
  "invalid-uri": "invalid URI",
  "unsupported-scheme": "unsupported scheme",
  "missing-sdk": "storage SDK not installed",
  failed: "failed",
};

/** The message of an error; for a raw JSON error body (GCS media downloads) its `error.message`. */
function readableMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === "string" ? err : "";
  if (raw.startsWith("{")) {
    try {
      const body = JSON.parse(raw) as { error?: { message?: unknown } | string; message?: unknown };
      const inner = typeof body.error === "object" ? body.error.message : body.error ?? body.message;
      if (typeof inner === "string" && inner !== "") return inner;
    } catch {
      // not JSON after all: keep it as it is
    }
  }
  return raw;
}

/** Turns whatever an SDK or `node:fs` threw into a StorageError that says whether a retry may help. */
export function toStorageError(err: unknown, context: OperationContext): StorageError {
  if (err instanceof StorageError) return err;
  const status = httpStatus(err);
  const codes = errorCodes(err);
  const failure = classifyFailure(status, codes);
  const details: string[] = [];
  if (status !== undefined) details.push(`HTTP ${status}`);
  const code = codes[0];
  const rawMessage = readableMessage(err);
  // Keep messages short: some services answer with a whole HTML page.
  const message = rawMessage.length > 300 ? `${rawMessage.slice(0, 300)}…` : rawMessage;
  if (code && message && !message.includes(code)) details.push(`${code}: ${message}`);
  else if (message) details.push(message);
  else if (code) details.push(code);
  const text = `Could not ${describeOperation(context)}: ${FAILURE_WORDS[failure]}${details.length ? ` (${details.join(", ")})` : ""}`;
  return new StorageError({
    uri: context.uri,
    operation: context.operation,
    failure,
    retryable: failure === "throttled" || failure === "unavailable",
    ...(status !== undefined ? { status } : {}),
    message: redact(text, context.secrets),
  });
}

/** Runs one storage call, turning any failure into a StorageError whose message has `secrets` redacted. */
export async function withStorageErrors<T>(context: Omit<OperationContext, "secrets">, secrets: readonly string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toStorageError(err, { ...context, secrets });
  }
}
