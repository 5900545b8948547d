import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ActionStore } from "./action-store.ts";
import { authMetadataService, tokenRoute } from "./auth-service.ts";
import { ActionExecutor } from "./executor.ts";
import { runService, type RunServiceBehaviour } from "./run-service.ts";
import { clusterService } from "./cluster-service.ts";
import { dataProxyService, type ActionDataSource, type DataProxyBehaviour } from "./dataproxy-service.ts";
import { FaultPlan, authCheckInterceptor, faultInterceptor, htmlProxyRoute } from "./faults.ts";
import { startServer, type RunningServer, type ServiceRegistration } from "./server.ts";
import { FakeState } from "./state.ts";
import { taskService, type DeployLoad } from "./task-service.ts";

/** Switches a test can flip while the fake runs. */
export interface FakeBehaviour extends DataProxyBehaviour, RunServiceBehaviour {
  /** Calls need a bearer token from the token endpoint. */
  requireAuth?: boolean;
  /** DeployTask answers ALREADY_EXISTS for an id already deployed (else it upserts, as the OSS backend). */
  deployAlreadyExists?: boolean;
  /** GetOAuth2Metadata answers UNIMPLEMENTED, as the OSS server without runs.authMetadata settings (no auth). */
  oauthUnconfigured?: boolean;
}

export interface FakeControlPlaneOptions {
  /** Directory of the fake's object store (uploads, inputs, outputs). */
  storageDir: string;
  /** Serve the data proxy from a second server that SelectCluster names (as a multi-cluster deployment). */
  separateDataPlane?: boolean;
  /** OAuth2 clients: id → secret. */
  clients?: Record<string, string>;
  behaviour?: FakeBehaviour;
  /** More services on the control-plane server (RunService, ActionsService). */
  services?: readonly ServiceRegistration[];
  /**
   * Serve RunService: runs execute through the real built a0 (the child-action helper's store and executor),
   * in a work directory inside this package so that the unpacked code bundle resolves its dependencies.
   */
  runs?: boolean;
  /** Extra environment of every a0. */
  a0Env?: Record<string, string>;
  /** Names of the projects that exist (any domain and org of them is accepted, as the OSS server does); default flytesnacks. */
  projects?: readonly string[];
}

export interface FakeControlPlane {
  /** The control plane (admin.endpoint). */
  readonly url: string;
  /** The data proxy's server (the same as `url` unless separateDataPlane). */
  readonly dataUrl: string;
  readonly state: FakeState;
  readonly faults: FaultPlan;
  readonly behaviour: FakeBehaviour;
  readonly control: RunningServer;
  readonly data: RunningServer;
  /** SelectCluster requests seen. */
  readonly selected: Array<{ operation: number; project: string }>;
  /** Token requests seen (form fields). */
  readonly tokenRequests: Array<Record<string, string>>;
  /** DeployTask calls in flight, their maximum, and a delay per call. */
  readonly deployLoad: DeployLoad;
  /** The actions of runs (when `runs`). */
  readonly store: ActionStore | undefined;
  readonly executor: ActionExecutor | undefined;
  close(): Promise<void>;
}

/** Starts the fake on loopback; every server listens on a port the OS picked. */
export async function startFakeControlPlane(options: FakeControlPlaneOptions): Promise<FakeControlPlane> {
  const state = new FakeState(options.storageDir);
  for (const project of options.projects ?? ["flytesnacks"]) state.addProject(project);
  const faults = new FaultPlan();
  const deployLoad: DeployLoad = { inFlight: 0, maxInFlight: 0, delayMs: 0 };
  const behaviour: FakeBehaviour = { ...options.behaviour };
  const clients = new Map(Object.entries(options.clients ?? {}));
  const selected: Array<{ operation: number; project: string }> = [];
  const tokenRequests: Array<Record<string, string>> = [];
  const interceptors = [faultInterceptor(faults), authCheckInterceptor(state, () => behaviour.requireAuth === true)];
  let controlUrl = "";
  let dataUrl = "";
  let workDir: string | undefined;
  let store: ActionStore | undefined;
  let executor: ActionExecutor | undefined;
  let source: ActionDataSource | undefined;
  const extra: ServiceRegistration[] = [];
  if (options.runs) {
    const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
    mkdirSync(join(pkgDir, ".fake-control-plane"), { recursive: true });
    workDir = mkdtempSync(join(pkgDir, ".fake-control-plane", "run-"));
    store = new ActionStore();
    executor = new ActionExecutor({ store, storageRoot: state.storageDir, cwd: workDir, ...(options.a0Env ? { env: options.a0Env } : {}) });
    const runs = runService(state, store, executor, behaviour);
    extra.push(runs.register);
    source = runs.source;
  }
  const proxy = dataProxyService(state, () => dataUrl, behaviour, () => source);
  const common = [htmlProxyRoute(faults)];
  const controlServices: ServiceRegistration[] = [
    taskService(state, () => behaviour.deployAlreadyExists === true, deployLoad),
    clusterService(() => (options.separateDataPlane ? dataUrl : ""), selected),
    authMetadataService(() => controlUrl, () => behaviour.oauthUnconfigured === true),
    ...extra,
    ...(options.services ?? []),
  ];
  let data: RunningServer | undefined;
  if (options.separateDataPlane) {
    data = await startServer({ services: [proxy.register], routes: [...common, proxy.route], interceptors });
    dataUrl = data.url;
  } else controlServices.push(proxy.register);
  const control = await startServer({
    services: controlServices,
    routes: [tokenRoute(state, clients, tokenRequests), ...common, ...(options.separateDataPlane ? [] : [proxy.route])],
    interceptors,
  });
  controlUrl = control.url;
  if (!data) {
    data = control;
    dataUrl = control.url;
  }
  const dataServer = data;
  return {
    url: control.url,
    dataUrl,
    state,
    faults,
    behaviour,
    control,
    data: dataServer,
    selected,
    tokenRequests,
    deployLoad,
    store,
    executor,
    close: async () => {
      await executor?.close();
      await control.close();
      if (dataServer !== control) await dataServer.close();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    },
  };
}
