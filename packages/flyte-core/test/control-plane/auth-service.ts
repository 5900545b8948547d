import { randomBytes } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import { AuthMetadataService } from "../../src/gen/flyteidl2/auth/auth_service_pb.ts";
import { readBody, type HttpRoute, type ServiceRegistration } from "./server.ts";
import type { FakeState } from "./state.ts";

export const FAKE_AUDIENCE = "https://fake.flyte.example";
export const TOKEN_PATH = "/oauth2/token";

/**
 * AuthMetadataService: the token endpoint on this server, an audience and default scopes. When `unconfigured()`,
 * what the OSS server answers without runs.authMetadata settings: UNIMPLEMENTED with a message.
 */
export function authMetadataService(baseUrl: () => string, unconfigured: () => boolean = () => false): ServiceRegistration {
  return (router) =>
    router.service(AuthMetadataService, {
      async getOAuth2Metadata() {
        if (unconfigured()) throw new ConnectError("oauth2 metadata is not configured; set runs.authMetadata.externalAuthServerBaseUrl", Code.Unimplemented);
        return { issuer: baseUrl(), tokenEndpoint: `${baseUrl()}${TOKEN_PATH}`, grantTypesSupported: ["client_credentials"] };
      },
      async getPublicClientConfig() {
        return { clientId: "flytectl", audience: FAKE_AUDIENCE, scopes: ["all"] };
      },
    });
}

/** The OAuth2 token endpoint: client credentials with HTTP Basic (id : url-encoded secret); issues opaque tokens. */
export function tokenRoute(state: FakeState, clients: Map<string, string>, seen: Array<Record<string, string>> = []): HttpRoute {
  return async (req, res) => {
    if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== TOKEN_PATH) return false;
    const form = Object.fromEntries(new URLSearchParams((await readBody(req)).toString("utf8")));
    seen.push(form);
    const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
    const [id = "", encodedSecret = ""] = Buffer.from(basic, "base64").toString("utf8").split(":");
    const answer = (status: number, body: object) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (form.grant_type !== "client_credentials") answer(400, { error: "unsupported_grant_type" });
    else if (clients.get(id) === undefined || clients.get(id) !== decodeURIComponent(encodedSecret)) answer(401, { error: "invalid_client", error_description: "bad client credentials" });
    else if (form.audience !== FAKE_AUDIENCE) answer(400, { error: "invalid_request", error_description: "wrong audience" });
    else {
      const token = `tok${++state.tokensIssued}-${randomBytes(12).toString("hex")}`;
      state.validTokens.add(token);
      answer(200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
    }
    return true;
  };
}
