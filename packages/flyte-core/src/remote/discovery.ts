import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { AuthMetadataService } from "../gen/flyteidl2/auth/auth_service_pb.ts";
import type { OAuthDiscovery } from "./auth.ts";
import { RemoteError, toRemoteError } from "./errors.ts";
import { createFlyteTransport, unaryCallOptions, type FlyteTransportOptions } from "./transport.ts";

/**
 * Asks an endpoint's AuthMetadataService where its token endpoint is (without authorization: it is what tells
 * the client how to authorize). Shared by the remote client and `a0`'s child-action controller.
 */
export async function discoverOAuth(
  endpoint: string,
  timeoutMs: number,
  transport: Omit<FlyteTransportOptions, "baseUrl" | "auth"> = {},
): Promise<OAuthDiscovery> {
  const client = createClient(AuthMetadataService, createFlyteTransport({ baseUrl: endpoint, ...transport }));
  const ctx = { endpoint, rpc: "flyteidl2.auth.AuthMetadataService/GetOAuth2Metadata", doing: "discovering the token endpoint" };
  try {
    const metadata = await client.getOAuth2Metadata({}, unaryCallOptions(timeoutMs));
    const publicConfig = await client.getPublicClientConfig({}, unaryCallOptions(timeoutMs)).catch(() => undefined);
    if (!metadata.tokenEndpoint) throw new RemoteError("AUTH", `${endpoint} publishes no OAuth2 token endpoint: client credentials cannot be used there`);
    return { tokenEndpoint: metadata.tokenEndpoint, audience: publicConfig?.audience ?? "", scopes: publicConfig?.scopes ?? [] };
  } catch (err) {
    // The OSS server implements the service but answers UNIMPLEMENTED (with a message, not an HTTP 404) when it
    // has no OAuth2 configured: it runs without authentication.
    if (err instanceof ConnectError && err.code === Code.Unimplemented && err.rawMessage && !/^HTTP \d{3}/.test(err.rawMessage)) {
      throw new RemoteError(
        "AUTH",
        `${endpoint} has no OAuth2 configured (server said: ${err.rawMessage}), so credentials (FLYTE_API_KEY, admin.authType ClientSecret) cannot be used there. ` +
          "If it runs without authentication, set admin.insecure: true (or pass --insecure) and drop the credentials.",
        { rpc: ctx.rpc, status: "unimplemented", cause: err },
      );
    }
    throw toRemoteError(err, ctx);
  }
}
