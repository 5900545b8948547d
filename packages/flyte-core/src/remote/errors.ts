import { Code, ConnectError } from "@connectrpc/connect";
import { FlyteTsError, type FlyteTsErrorCode } from "../errors.ts";

/** The codes a {@link RemoteError} carries. */
export type RemoteErrorCode = Extract<
  FlyteTsErrorCode,
  "REMOTE_CONFIG" | "AUTH" | "ENDPOINT" | "NOT_FOUND" | "UPLOAD" | "TIMEOUT" | "REMOTE" | "RUN_FAILED" | "INVALID_INPUT"
>;

/**
 * A failure talking to the control plane, worded as what to do about it. `rpc` is the call that failed
 * (`flyteidl2.task.TaskService/DeployTask`), `status` the Connect code name when the server answered.
 * Never carries a token, a secret or a signed URL's query string.
 */
export class RemoteError extends FlyteTsError {
  readonly rpc: string | undefined;
  readonly status: string | undefined;
  constructor(code: RemoteErrorCode, message: string, details: { rpc?: string; status?: string; cause?: unknown } = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "RemoteError";
    this.rpc = details.rpc;
    this.status = details.status;
  }
}

/** Connect code names as the wire spells them (`unavailable`, `not_found`, …). */
export function codeName(code: Code): string {
  return (Code[code] ?? "unknown").replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

/** Codes worth another attempt: the server or the network was briefly unable to answer. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ConnectError)) return false;
  return err.code === Code.Unavailable || err.code === Code.ResourceExhausted || (err.code === Code.Unknown && isNetworkError(err));
}

function isNetworkError(err: ConnectError): boolean {
  const cause = err.cause as { code?: unknown } | undefined;
  return typeof cause?.code === "string" && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH)$/.test(cause.code);
}

/** An https:// call that reached a plain-HTTP server: OpenSSL reads the HTTP answer as a bad TLS record. */
function isPlainHttpAnswerToTls(err: ConnectError, endpoint: string): boolean {
  if (!endpoint.startsWith("https://")) return false;
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const text = `${typeof cause?.message === "string" ? cause.message : ""} ${err.rawMessage}`;
  return cause?.code === "EPROTO" || /wrong version number|packet length too long/i.test(text);
}

/** Where a call went and what it was for, to word the error. */
export interface CallContext {
  /** Base URL of the endpoint the call went to. */
  endpoint: string;
  /** `package.Service/Method`. */
  rpc: string;
  /** What the caller was doing, e.g. `deploying task "env.fit"`. */
  doing?: string;
}

/**
 * A ConnectError (or network error) turned into a RemoteError that says what went wrong and what to do.
 * Any other error is returned unchanged.
 */
export function toRemoteError(err: unknown, ctx: CallContext): unknown {
  if (err instanceof RemoteError) return err;
  if (!(err instanceof ConnectError)) return err;
  // A RemoteError raised inside an interceptor (e.g. the token endpoint refused us) comes back wrapped.
  if (err.cause instanceof RemoteError) return err.cause;
  const what = ctx.doing ? `${ctx.doing}: ` : "";
  const at = `${ctx.rpc} at ${ctx.endpoint}`;
  const contentType = err.metadata.get("content-type") ?? "";
  const details = { rpc: ctx.rpc, status: codeName(err.code), cause: err };
  if (/text\/html/i.test(contentType)) {
    return new RemoteError(
      "ENDPOINT",
      `${what}${ctx.endpoint} answered ${ctx.rpc} with an HTML page (${err.rawMessage}, content-type ${contentType}) instead of a Flyte API response: ` +
        "a proxy, load balancer or login page is in the way. Check that admin.endpoint (FLYTE_ADMIN_ENDPOINT, --endpoint) is the Flyte 2 control plane itself, " +
        "and that the request is authenticated if that page is a sign-in page.",
      details,
    );
  }
  if (isPlainHttpAnswerToTls(err, ctx.endpoint)) {
    return new RemoteError(
      "ENDPOINT",
      `${what}${ctx.endpoint} does not speak TLS (the TLS handshake for ${ctx.rpc} got a plain-HTTP answer): it is a plain-HTTP endpoint. ` +
        "Set admin.insecure: true (or pass --insecure, or FLYTE_ADMIN_INSECURE=true), or give the endpoint as http://….",
      details,
    );
  }
  const server = err.rawMessage ? ` (server said: ${err.rawMessage})` : "";
  switch (err.code) {
    case Code.Unauthenticated:
      return new RemoteError(
        "AUTH",
        `${what}${at} was refused as unauthenticated${server}. Configure credentials: FLYTE_API_KEY, admin.authType ClientSecret (admin.clientId + ` +
          "admin.clientSecretLocation/clientSecretEnvVar), ExternalCommand (admin.command), or a bearer token in FLYTE_TS_AUTH_TOKEN.",
        details,
      );
    case Code.PermissionDenied:
      return new RemoteError("AUTH", `${what}${at} was denied${server}: the credentials are valid but lack permission for this project or action.`, details);
    case Code.NotFound:
      return new RemoteError("NOT_FOUND", `${what}not found${server} (${at}). Check --project, --domain and --org (the project must exist on the control plane) and the names given.`, details);
    case Code.AlreadyExists:
      return new RemoteError("REMOTE", `${what}already exists${server} (${at}).`, details);
    case Code.InvalidArgument:
    case Code.FailedPrecondition:
      return new RemoteError("REMOTE", `${what}the control plane rejected the request${server} (${at}).`, details);
    case Code.DeadlineExceeded:
      return new RemoteError("TIMEOUT", `${what}${at} did not answer in time${server}. The control plane may be overloaded or unreachable; retry, or raise the timeout.`, details);
    case Code.Unimplemented:
      return new RemoteError(
        "ENDPOINT",
        `${what}${ctx.endpoint} does not implement ${ctx.rpc}${server}: admin.endpoint (FLYTE_ADMIN_ENDPOINT, --endpoint) is probably not a Flyte 2 control plane, or it is too old.`,
        details,
      );
    case Code.Unavailable:
    case Code.Unknown:
      if (err.code === Code.Unavailable || isNetworkError(err)) {
        return new RemoteError(
          "ENDPOINT",
          `${what}cannot reach ${ctx.endpoint} for ${ctx.rpc}${server}. Check admin.endpoint (FLYTE_ADMIN_ENDPOINT, --endpoint), admin.insecure for a plain-HTTP endpoint, and that the control plane is running.`,
          details,
        );
      }
      return new RemoteError("REMOTE", `${what}${at} failed${server}.`, details);
    default:
      return new RemoteError("REMOTE", `${what}${at} failed with ${codeName(err.code)}${server}.`, details);
  }
}
