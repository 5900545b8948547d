import { Code, ConnectError } from "@connectrpc/connect";
import { RemoteError } from "../../remote/errors.ts";

/**
 * Missing or refused credentials: our own (a bad API key, a token endpoint that refused the client) or the
 * server refusing the token sent. Retrying cannot help, so the controller fails at once on these.
 */
export function refusedCredentials(error: unknown): boolean {
  // Connect hands an interceptor's own error back wrapped (code unknown), the original as its cause.
  if (error instanceof ConnectError && error.code === Code.Unknown && error.cause instanceof RemoteError) return refusedCredentials(error.cause);
  if (error instanceof RemoteError) return error.code === "AUTH" || error.code === "REMOTE_CONFIG";
  return error instanceof ConnectError && (error.code === Code.Unauthenticated || error.code === Code.PermissionDenied);
}
