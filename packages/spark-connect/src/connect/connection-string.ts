import { SparkConnectError } from "../errors/spark-connect-error.ts";

/** A parsed `sc://host:port/;key=value;…` Spark Connect URL. */
export interface ConnectionString {
  host: string;
  /** @defaultValue 15002 */
  port: number;
  /** TLS: `use_ssl=true`, or implied by `token`. */
  useSsl: boolean;
  /** Bearer token sent as `authorization: Bearer <token>` (never printed). */
  token?: string;
  /** `user_context.user_id`. */
  userId?: string;
  /** A client-chosen session id (a UUID). */
  sessionId?: string;
  /** Prepended to the client type the server logs. */
  userAgent?: string;
  /** Every other parameter, sent as gRPC metadata on each call. */
  headers: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(field: string, message: string): SparkConnectError {
  return new SparkConnectError(`invalid Spark Connect URL: ${field}: ${message}`, { code: "INVALID_URL", errorClass: "INVALID_URL" });
}

/**
 * Parses a Spark Connect URL: `sc://host[:port][/;param=value;…]`. Parameters are case-sensitive and
 * URL-decoded: `token`, `user_id`, `use_ssl` (`true`/`false`), `session_id` (a UUID), `user_agent`; every
 * other parameter becomes a gRPC header (e.g. `x-databricks-cluster-id`).
 * @throws {@link SparkConnectError} with code `INVALID_URL`, naming the part and the allowed values.
 */
export function parseConnectionString(url: string): ConnectionString {
  if (typeof url !== "string" || !url.startsWith("sc://")) throw invalid("scheme", `must start with "sc://", got ${JSON.stringify(redactUrl(String(url)))}`);
  const rest = url.slice("sc://".length);
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? "" : rest.slice(slash + 1);
  if (path !== "" && !path.startsWith(";")) throw invalid("path", `must be empty; parameters follow "/;" (sc://host:port/;key=value), got "/${path.split(";")[0]}"`);
  let host = authority;
  let port = 15002;
  const bracket = authority.match(/^\[([^\]]+)\](?::(.*))?$/);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2] !== undefined) port = parsePort(bracket[2]);
  } else if (authority.includes(":")) {
    const i = authority.lastIndexOf(":");
    host = authority.slice(0, i);
    port = parsePort(authority.slice(i + 1));
  }
  if (host === "") throw invalid("host", "must not be empty");
  const out: ConnectionString = { host, port, useSsl: false, headers: {} };
  for (const part of path.split(";").slice(1)) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw invalid("parameter", `expected key=value, got ${JSON.stringify(part.startsWith("token") ? "token…" : part)}`);
    const key = decodeURIComponent(part.slice(0, eq));
    const value = decodeURIComponent(part.slice(eq + 1));
    switch (key) {
      case "token":
        out.token = value;
        out.useSsl = true;
        break;
      case "use_ssl":
        if (value !== "true" && value !== "false") throw invalid("use_ssl", `must be "true" or "false", got ${JSON.stringify(value)}`);
        out.useSsl = value === "true" || out.token !== undefined;
        break;
      case "user_id":
        out.userId = value;
        break;
      case "session_id":
        if (!UUID.test(value)) throw invalid("session_id", `must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got ${JSON.stringify(value)}`);
        out.sessionId = value.toLowerCase();
        break;
      case "user_agent":
        out.userAgent = value;
        break;
      default:
        out.headers[key.toLowerCase()] = value;
    }
  }
  return out;
}

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw invalid("port", `must be an integer from 1 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

/** The URL with the token's value replaced, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(;token=)[^;]*/g, "$1<redacted>");
}
