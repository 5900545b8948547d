// How `a0` reaches the control plane from inside a task pod and proves who it is, resolved the way the
// Python SDK does it there (controller contract §2):
//   1. a mounted config file named by UCTL_CONFIG or FLYTECTL_CONFIG (its auth; `_U_EP_OVERRIDE` still names
//      the endpoint);
//   2. else, unless FLYTE_AUTH_TYPE is set, the API key the control plane injects (`_UNION_EAGER_API_KEY`, then
//      `EAGER_API_KEY`): OAuth2 client credentials against the endpoint the key names;
//   3. else `_U_EP_OVERRIDE`, insecure as endpoint.ts decides, with the FLYTE_AUTH_* variables if set.
// `_U_INSECURE_SKIP_VERIFY` accepts any certificate. The transport is the remote client's (request ids,
// gzip, token refresh on UNAUTHENTICATED) with one attempt per call: the controller has its own retry rules.
import type { Transport } from "@connectrpc/connect";
import { type OAuthDiscovery, tokenCacheDir, tokenSourceFor } from "../../remote/auth.ts";
import { type ResolvedRemoteConfig, decodeApiKey, requireEndpoint, resolveWithConfigFile } from "../../remote/config.ts";
import { RemoteError } from "../../remote/errors.ts";
import { discoverOAuth } from "../../remote/discovery.ts";
import { type FlyteTransportOptions, createFlyteTransport } from "../../remote/transport.ts";
import { controlPlaneEndpoint, truthy } from "./endpoint.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** The control plane as seen from the pod. */
export interface InClusterConnection {
  /** The endpoint calls go to. */
  baseUrl: string;
  /** Where the credentials came from, for the log (never the credentials themselves). */
  credentials: string;
  transport: Transport;
}

/** The configuration `a0`'s controller uses, and where its credentials came from. */
export function inClusterConfig(env: Env): { config: ResolvedRemoteConfig; credentials: string } {
  const override = env._U_EP_OVERRIDE?.trim() || undefined;
  const configFile = env.UCTL_CONFIG || env.FLYTECTL_CONFIG;
  if (configFile) {
    const config = resolveWithConfigFile(configFile, override ? { endpoint: override } : {}, env);
    return { config, credentials: config.authType === "None" ? `none (config file ${configFile})` : `${config.authType} from config file ${configFile}` };
  }
  const keyVar = env.FLYTE_AUTH_TYPE ? undefined : env._UNION_EAGER_API_KEY ? "_UNION_EAGER_API_KEY" : env.EAGER_API_KEY ? "EAGER_API_KEY" : undefined;
  if (keyVar) {
    const apiKey = env[keyVar]!;
    try {
      decodeApiKey(apiKey);
    } catch {
      // Never echo the key: it holds the client secret.
      throw new RemoteError("REMOTE_CONFIG", `${keyVar} is not a valid API key: expected base64 of endpoint:client_id:client_secret:org`);
    }
    // The key names its own endpoint and is always used over TLS.
    const keyEnv: Env = { ...env, FLYTE_ADMIN_ENDPOINT: undefined, FLYTE_ADMIN_INSECURE: undefined, FLYTE_TS_AUTH_TOKEN: undefined, FLYTE_API_KEY: apiKey };
    return { config: resolveWithConfigFile(undefined, {}, keyEnv), credentials: `the API key in ${keyVar}` };
  }
  const endpoint = controlPlaneEndpoint(env);
  const config = resolveWithConfigFile(undefined, endpoint ? { endpoint: endpoint.baseUrl, insecure: endpoint.insecure } : {}, env);
  return { config, credentials: config.authType === "None" ? "none" : `${config.authType} from FLYTE_AUTH_TYPE` };
}

/** The transport to the control plane, with the pod's credentials. */
export function inClusterConnection(env: Env, transport: Pick<FlyteTransportOptions, "maxAttempts" | "backoffMs" | "sleep"> = {}): InClusterConnection {
  const { config, credentials } = inClusterConfig(env);
  const baseUrl = requireEndpoint(config);
  const tls = { caCertFilePath: config.caCertFilePath, insecureSkipVerify: config.insecureSkipVerify || truthy(env._U_INSECURE_SKIP_VERIFY) };
  let discovery: Promise<OAuthDiscovery> | undefined;
  const discover = () =>
    (discovery ??= discoverOAuth(baseUrl, config.timeoutMs, tls).catch((err: unknown) => {
      discovery = undefined;
      throw err;
    }));
  const auth = tokenSourceFor(config, discover, tokenCacheDir(env));
  return { baseUrl, credentials, transport: createFlyteTransport({ baseUrl, auth, ...tls, maxAttempts: 1, ...transport }) };
}
