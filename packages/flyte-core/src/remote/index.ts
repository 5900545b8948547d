/**
 * `@flyte-ts/core/remote`: deploy tasks to a Flyte 2 control plane, run them there, follow runs, read their
 * outputs and logs, abort them. A separate entry point, loaded only by what uses it (the CLI's deploy,
 * `run --remote` and `runs` commands load it dynamically): declaring and serializing tasks never loads
 * the Connect client.
 *
 * @module @flyte-ts/core/remote
 */
export { FlyteRemote, type FlyteRemoteOptions } from "./client.ts";
export {
  resolveRemoteConfig, configSearchPaths, decodeApiKey, normalizeEndpoint, orgFromEndpoint, consoleUrl, envName,
  type RemoteOptions, type ResolvedRemoteConfig, type AuthType,
} from "./config.ts";
export {
  staticToken, externalCommandToken, clientCredentialsToken, tokenSourceFor, tokenCacheDir, tokenCacheFile,
  type TokenSource, type OAuthDiscovery, type ClientCredentialsOptions,
} from "./auth.ts";
export { RemoteError, type RemoteErrorCode } from "./errors.ts";
export {
  createFlyteTransport, requestIdInterceptor, retryInterceptor, authInterceptor, unaryCallOptions, REQUEST_ID_HEADER,
  type FlyteTransportOptions,
} from "./transport.ts";
export { deploy, deployVersion, formatDeployTable, type DeployOptions, type DeployResult, type DeployedTask } from "./deploy.ts";
export { uploadFile, redactSignedUrl, type UploadFileOptions, type UploadedFile, type UploadProgress } from "./upload.ts";
export {
  runRemote, runHandle, watchRun, encodeRunInputs, decodeRunOutputs, isTerminal,
  type RunHandle, type RunRemoteOptions, type RunState, type RunPhase, type WatchOptions,
} from "./run.ts";
