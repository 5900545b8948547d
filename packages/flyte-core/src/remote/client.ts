import { create } from "@bufbuild/protobuf";
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import { ClusterService } from "../gen/flyteidl2/cluster/service_pb.ts";
import { SelectClusterRequest_Operation } from "../gen/flyteidl2/cluster/payload_pb.ts";
import { DataProxyService } from "../gen/flyteidl2/dataproxy/dataproxy_service_pb.ts";
import { ProjectIdentifierSchema } from "../gen/flyteidl2/common/identifier_pb.ts";
import { TaskService } from "../gen/flyteidl2/task/task_service_pb.ts";
import { RunService } from "../gen/flyteidl2/workflow/run_service_pb.ts";
import { tokenSourceFor, type OAuthDiscovery, type TokenSource } from "./auth.ts";
import { normalizeEndpoint, requireEndpoint, resolveRemoteConfig, type RemoteOptions, type ResolvedRemoteConfig } from "./config.ts";
import { discoverOAuth } from "./discovery.ts";
import { toRemoteError } from "./errors.ts";
import { createFlyteTransport, unaryCallOptions, type FlyteTransportOptions } from "./transport.ts";

export { SelectClusterRequest_Operation };

/** Options of {@link FlyteRemote} beyond the configuration itself (mostly for tests). */
export interface FlyteRemoteOptions extends RemoteOptions {
  /**
   * Directory of the token cache (created 0700; one 0600 file per endpoint and client).
   *
   * Validation: a directory path that can be created.
   *
   * @defaultValue `$FLYTE_TS_TOKEN_CACHE_DIR`, else `$XDG_CACHE_HOME/flyte-ts/tokens` (`~/.cache/flyte-ts/tokens`)
   */
  tokenCacheDir?: string;
  /**
   * Retries of transient failures (attempts, first backoff) for every endpoint.
   *
   * Validation: `maxAttempts` a positive integer, `backoffMs` a non-negative number.
   *
   * @defaultValue `{ maxAttempts: 4, backoffMs: 500 }`
   */
  transport?: Pick<FlyteTransportOptions, "maxAttempts" | "backoffMs" | "sleep">;
  /**
   * Environment the configuration is resolved from (FLYTE_* variables, FLYTE_API_KEY, FLYTE_TS_AUTH_TOKEN).
   *
   * Validation: string values.
   *
   * @defaultValue `process.env`
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A connection to a Flyte 2 control plane: typed clients of its services on one transport, the data-proxy
 * client of whichever endpoint SelectCluster names, and call helpers that turn failures into RemoteErrors.
 */
export class FlyteRemote {
  readonly config: ResolvedRemoteConfig;
  readonly endpoint: string;
  readonly runs: Client<typeof RunService>;
  readonly tasks: Client<typeof TaskService>;
  readonly cluster: Client<typeof ClusterService>;
  readonly #auth: TokenSource | undefined;
  readonly #transportOptions: FlyteRemoteOptions["transport"];
  readonly #transports = new Map<string, Transport>();
  #discovery: Promise<OAuthDiscovery> | undefined;

  constructor(options: FlyteRemoteOptions | ResolvedRemoteConfig = {}) {
    const opts = options as FlyteRemoteOptions;
    this.config = "authType" in options && "scopes" in options ? (options as ResolvedRemoteConfig) : resolveRemoteConfig(opts, opts.env ?? process.env);
    this.endpoint = requireEndpoint(this.config);
    this.#transportOptions = opts.transport;
    this.#auth = tokenSourceFor(this.config, () => this.#discover(), opts.tokenCacheDir);
    const transport = this.transportTo(this.endpoint);
    this.runs = createClient(RunService, transport);
    this.tasks = createClient(TaskService, transport);
    this.cluster = createClient(ClusterService, transport);
  }

  /** The (cached) transport to an endpoint, with this connection's auth and retries. */
  transportTo(baseUrl: string): Transport {
    let transport = this.#transports.get(baseUrl);
    if (!transport) {
      transport = createFlyteTransport({
        baseUrl,
        auth: this.#auth,
        caCertFilePath: this.config.caCertFilePath,
        insecureSkipVerify: this.config.insecureSkipVerify,
        ...this.#transportOptions,
      });
      this.#transports.set(baseUrl, transport);
    }
    return transport;
  }

  /** OAuth2 discovery, asked once (again after a failure). */
  #discover(): Promise<OAuthDiscovery> {
    this.#discovery ??= discoverOAuth(this.endpoint, this.config.timeoutMs, {
      caCertFilePath: this.config.caCertFilePath,
      insecureSkipVerify: this.config.insecureSkipVerify,
      ...this.#transportOptions,
    }).catch((err: unknown) => {
      this.#discovery = undefined;
      throw err;
    });
    return this.#discovery;
  }

  /**
   * The data-proxy client for an operation: SelectCluster names the endpoint that serves it (which may
   * differ from this one); an empty answer means this endpoint.
   */
  async dataProxyFor(operation: SelectClusterRequest_Operation, scope: { org: string; project: string; domain: string }): Promise<{ client: Client<typeof DataProxyService>; endpoint: string }> {
    const response = await this.call(
      { rpc: "flyteidl2.cluster.ClusterService/SelectCluster", doing: `selecting the cluster of project ${scope.project}` },
      (options) =>
        this.cluster.selectCluster(
          { resource: { case: "projectId", value: create(ProjectIdentifierSchema, { organization: scope.org, domain: scope.domain, name: scope.project }) }, operation },
          options,
        ),
    );
    const endpoint = response.clusterEndpoint ? normalizeEndpoint(response.clusterEndpoint, this.config.insecure) : this.endpoint;
    return { client: createClient(DataProxyService, this.transportTo(endpoint)), endpoint };
  }

  /** Runs one unary call with this connection's deadline, turning failures into RemoteErrors. */
  async call<T>(ctx: { rpc: string; doing?: string; endpoint?: string }, fn: (options: { timeoutMs: number; signal?: AbortSignal }) => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await fn(unaryCallOptions(this.config.timeoutMs, signal));
    } catch (err) {
      throw toRemoteError(err, { endpoint: ctx.endpoint ?? this.endpoint, rpc: ctx.rpc, ...(ctx.doing !== undefined ? { doing: ctx.doing } : {}) });
    }
  }
}
