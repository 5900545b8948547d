import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Code } from "@connectrpc/connect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FlyteRemote, RemoteError, deploy, deployVersion, formatDeployTable } from "../../src/remote/index.ts";
import { SelectClusterRequest_Operation } from "../../src/gen/flyteidl2/cluster/payload_pb.ts";
import { startFakeControlPlane, type FakeControlPlane } from "../control-plane/fake-control-plane.ts";
import { add, explode, greet } from "./project/tasks.ts";

const projectDir = join(dirname(fileURLToPath(import.meta.url)), "project");
const noSleep = { maxAttempts: 4, backoffMs: 1, sleep: async () => {} };

let fake: FakeControlPlane;
let storage: string;
const remoteFor = (extra: Record<string, unknown> = {}) =>
  new FlyteRemote({ endpoint: fake.url, insecure: true, project: "flytesnacks", domain: "development", env: {}, transport: noSleep, ...extra });

beforeEach(async () => {
  storage = mkdtempSync(join(tmpdir(), "fake-cp-"));
  fake = await startFakeControlPlane({ storageDir: storage, separateDataPlane: true });
});
afterEach(async () => {
  await fake.close();
  rmSync(storage, { recursive: true, force: true });
});

describe("deploy against the fake control plane", { timeout: 30_000 }, () => {
  it("uploads the bundle through the cluster SelectCluster names and deploys every task at one version", async () => {
    const result = await deploy({ tasks: [add, greet, explode], rootDir: projectDir, remote: remoteFor() });
    expect(result.tasks.map((t) => [t.name, t.status])).toEqual([
      ["remote_demo.add", "deployed"],
      ["remote_demo.greet", "deployed"],
      ["remote_demo.explode", "deployed"],
    ]);
    expect(new Set(result.tasks.map((t) => t.id.version))).toEqual(new Set([result.version]));
    // SelectCluster answered the data plane; the upload location came from there, not from the control plane.
    expect(fake.selected).toEqual([{ operation: SelectClusterRequest_Operation.CREATE_UPLOAD_LOCATION, project: "flytesnacks" }]);
    expect(fake.data.requests.some((r) => r.path === "/flyteidl2.dataproxy.DataProxyService/CreateUploadLocation")).toBe(true);
    expect(fake.control.requests.some((r) => r.path.startsWith("/flyteidl2.dataproxy."))).toBe(false);
    // The object stored is the bundle, byte for byte, and every deployed spec downloads it.
    const [key, path] = [...fake.state.objects][0]!;
    expect(key).toMatch(/^uploads\/flytesnacks\/development\/[A-Z2-7]{26}======\/fast[0-9a-f]+\.tar\.gz$/); // base32 with padding, as the OSS server
    expect(result.bundle.uri).toBe(`file://${path}`);
    expect(readFileSync(path).length).toBe(result.bundle.bytes);
    for (const t of result.tasks) {
      const stored = fake.state.tasks.get(`/flytesnacks/development/${t.name}/${result.version}`)!;
      const args = stored.spec.taskTemplate!.target.case === "container" ? stored.spec.taskTemplate!.target.value.args : [];
      expect(args.slice(args.indexOf("--tgz"), args.indexOf("--tgz") + 4)).toEqual(["--tgz", result.bundle.uri, "--dest", "."]);
      expect(args[args.indexOf("--version") + 1]).toBe(result.version);
    }
    // Every call carried a request id, binary protobuf, and gzip where the body was large.
    const deployCalls = fake.control.requests.filter((r) => r.path === "/flyteidl2.task.TaskService/DeployTask");
    expect(deployCalls).toHaveLength(3);
    for (const r of deployCalls) {
      expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers["content-type"]).toBe("application/proto");
      expect(r.headers["connect-protocol-version"]).toBe("1");
      expect(r.headers["content-encoding"]).toBe("gzip");
    }
    expect(new Set(deployCalls.map((r) => r.headers["x-request-id"])).size).toBe(3);
    const put = fake.data.requests.find((r) => r.method === "PUT")!;
    expect(put.headers["content-length"]).toBe(String(result.bundle.bytes));
  });

  it("the same code and settings give the same version; a file (bundle MD5), a setting or the scope change it", async () => {
    const scope = { org: "", project: "flytesnacks", domain: "development" };
    const base = deployVersion("0123456789abcdef0123456789abcdef", [add, greet], projectDir, scope);
    expect(deployVersion("0123456789abcdef0123456789abcdef", [greet, add], projectDir, scope)).toBe(base);
    expect(deployVersion("fedcba9876543210fedcba9876543210", [add, greet], projectDir, scope)).not.toBe(base);
    expect(deployVersion("0123456789abcdef0123456789abcdef", [add.override({ resources: { cpu: 2 } }), greet], projectDir, scope)).not.toBe(base);
    expect(deployVersion("0123456789abcdef0123456789abcdef", [add, greet], projectDir, { ...scope, domain: "production" })).not.toBe(base);
    const first = await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor() });
    const again = await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor() });
    expect(again.version).toBe(first.version);
    // By module, twice in one process (the module is imported once): the same tasks, the same version.
    const byModule = await deploy({ modules: [join(projectDir, "tasks.ts")], rootDir: projectDir, remote: remoteFor() });
    const byModuleAgain = await deploy({ modules: [join(projectDir, "tasks.ts")], rootDir: projectDir, remote: remoteFor() });
    expect(byModule.tasks.map((t) => t.name)).toEqual(["remote_demo.add", "remote_demo.greet", "remote_demo.explode", "remote_demo.sleepy"]);
    expect(byModuleAgain.tasks.map((t) => [t.name, t.id.version])).toEqual(byModule.tasks.map((t) => [t.name, byModule.version]));
  });

  it("an existing version: the OSS server upserts, others answer ALREADY_EXISTS, both count as deployed", async () => {
    await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor(), version: "v1" });
    expect((await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor(), version: "v1" })).tasks[0]!.status).toBe("deployed");
    fake.behaviour.deployAlreadyExists = true;
    const result = await deploy({ tasks: [add, greet], rootDir: projectDir, remote: remoteFor(), version: "v1" });
    expect(result.tasks.map((t) => t.status)).toEqual(["exists", "deployed"]);
    expect(formatDeployTable(result)).toBe(
      [
        "task               version  status",
        "-----------------  -------  --------",
        "remote_demo.add    v1       exists",
        "remote_demo.greet  v1       deployed",
        `2 task(s) in flytesnacks/development, code bundle ${result.bundle.uri}`,
        "",
      ].join("\n"),
    );
  });

  it("DeployTask calls run concurrently, never more than the bound", async () => {
    fake.deployLoad.delayMs = 400; // long enough for every call in flight to overlap on a busy machine
    const result = await deploy({ tasks: [add, greet, explode, add.override({ retries: 2 })], rootDir: projectDir, remote: remoteFor(), concurrency: 2, version: "c1" });
    expect(result.tasks).toHaveLength(3); // the override keeps the name: one task per name
    expect(fake.deployLoad.maxInFlight).toBe(2);
    fake.deployLoad.maxInFlight = 0;
    await deploy({ tasks: [add, greet, explode], rootDir: projectDir, remote: remoteFor(), version: "c2" });
    expect(fake.deployLoad.maxInFlight).toBe(3);
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor(), concurrency: 0 }).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe("Invalid deploy options (1 problem):\n  - concurrency: must be an integer from 1 to 64, got 0");
  });

  it("a dry run builds and serializes but contacts nothing", async () => {
    const result = await deploy({ tasks: [add, greet], rootDir: projectDir, dryRun: true, remote: { endpoint: fake.url, insecure: true, project: "flytesnacks", domain: "development", env: {} } });
    expect(result.tasks.map((t) => [t.name, t.status, t.id.version])).toEqual([
      ["remote_demo.add", "planned", result.version],
      ["remote_demo.greet", "planned", result.version],
    ]);
    expect(result.bundle.uri).toBeUndefined();
    expect(fake.control.requests).toEqual([]);
    expect(fake.data.requests).toEqual([]);
    expect(formatDeployTable(result)).toContain("dry run: 2 task(s) would be deployed to flytesnacks/development; nothing was uploaded or deployed");
  });

  it("a missing project is NOT_FOUND with what to check", async () => {
    const err = await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor({ project: "nope" }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).code).toBe("NOT_FOUND");
    expect((err as RemoteError).message).toBe(
      `creating the upload location of ${(err as RemoteError).message.match(/fast[0-9a-f]+\.tar\.gz/)![0]}: not found (server said: project "nope" not found) ` +
        `(flyteidl2.dataproxy.DataProxyService/CreateUploadLocation at ${fake.dataUrl}). Check --project, --domain and --org (the project must exist on the control plane) and the names given.`,
    );
  });

  it("transient UNAVAILABLE answers are retried (bounded), then reported as an unreachable endpoint", async () => {
    fake.faults.fail("DeployTask", Code.Unavailable, 2);
    const ok = await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor(), version: "v2" });
    expect(ok.tasks[0]!.status).toBe("deployed");
    expect(fake.faults.calls.get("DeployTask")).toBe(3);
    fake.faults.fail("DeployTask", Code.Unavailable, 10);
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor(), version: "v3" }).catch((e: unknown) => e)) as RemoteError;
    expect([err.code, err.status]).toEqual(["ENDPOINT", "unavailable"]);
    expect(fake.faults.calls.get("DeployTask")).toBe(3 + 4);
    expect(err.message).toContain("deploying task remote_demo.add: cannot reach");
  });

  it("an HTML page from a proxy or login page is named as such", async () => {
    fake.faults.htmlProxy = { status: 200 };
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor() }).catch((e: unknown) => e)) as RemoteError;
    expect(err.code).toBe("ENDPOINT");
    expect(err.message).toContain(`${fake.url} answered flyteidl2.cluster.ClusterService/SelectCluster with an HTML page`);
    expect(err.message).toContain("a proxy, load balancer or login page is in the way");
    fake.faults.htmlProxy = { status: 502 };
    const bad = (await deploy({ tasks: [add], rootDir: projectDir, remote: remoteFor() }).catch((e: unknown) => e)) as RemoteError;
    expect(bad.code).toBe("ENDPOINT");
    expect(bad.message).toContain("HTTP 502, content-type text/html");
  });

  it("a wrong endpoint (nothing listening) says to check admin.endpoint", async () => {
    const closed = `http://127.0.0.1:${new URL(fake.url).port}`;
    await fake.close();
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: new FlyteRemote({ endpoint: closed, insecure: true, project: "flytesnacks", domain: "development", env: {}, transport: noSleep }) }).catch((e: unknown) => e)) as RemoteError;
    fake = await startFakeControlPlane({ storageDir: storage });
    expect(err.code).toBe("ENDPOINT");
    expect(err.message).toContain(`cannot reach ${closed}`);
    expect(err.message).toContain("Check admin.endpoint (FLYTE_ADMIN_ENDPOINT, --endpoint)");
  });

  // Behaviours of the real OSS control plane (flyteorg/flyte v2.0.43, runs + dataproxy), which the fake reproduces.
  it("as the OSS server: SelectCluster names the server itself (http://<Host>), and any domain of an existing project is accepted", async () => {
    const single = await startFakeControlPlane({ storageDir: join(storage, "single") });
    try {
      const remote = new FlyteRemote({ endpoint: single.url, insecure: true, project: "flytesnacks", domain: "not-a-configured-domain", env: {}, transport: noSleep });
      const { endpoint } = await remote.dataProxyFor(SelectClusterRequest_Operation.CREATE_UPLOAD_LOCATION, { org: "", project: "flytesnacks", domain: "x" });
      expect(endpoint).toBe(single.url);
      // The project is looked up by name only: the server deploys into a domain it does not list.
      const result = await deploy({ tasks: [add], rootDir: projectDir, remote });
      expect(result.tasks.map((t) => [t.id.domain, t.status])).toEqual([["not-a-configured-domain", "deployed"]]);
      expect(result.bundle.uri).toMatch(/\/uploads\/flytesnacks\/not-a-configured-domain\/[A-Z2-7]{26}======\/fast[0-9a-f]+\.tar\.gz$/);
    } finally {
      await single.close();
    }
  });

  it("https:// to a plain-HTTP endpoint says to set admin.insecure, not an OpenSSL record error", async () => {
    const https = fake.url.replace(/^http:/, "https:");
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: new FlyteRemote({ endpoint: https, project: "flytesnacks", domain: "development", env: {}, transport: noSleep }) }).catch((e: unknown) => e)) as RemoteError;
    expect(err.code).toBe("ENDPOINT");
    expect(err.message).toBe(
      `selecting the cluster of project flytesnacks: ${https} does not speak TLS (the TLS handshake for flyteidl2.cluster.ClusterService/SelectCluster got a plain-HTTP answer): ` +
        "it is a plain-HTTP endpoint. Set admin.insecure: true (or pass --insecure, or FLYTE_ADMIN_INSECURE=true), or give the endpoint as http://….",
    );
  });
});
