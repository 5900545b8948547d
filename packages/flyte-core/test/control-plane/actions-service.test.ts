// The fake ActionsService on the wire (official descriptors, Connect client) with the v2.0.43 backend's
// answers, and the remote controller's handling of each outcome, driven from the store (no a0 here).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadTasks } from "../../src/module/load-tasks.ts";
import { ActionsService } from "../../src/gen/flyteidl2/actions/actions_service_pb.ts";
import { ActionIdentifierSchema } from "../../src/gen/flyteidl2/common/identifier_pb.ts";
import { ExecutionErrorSchema, ExecutionError_ErrorKind } from "../../src/gen/flyteidl2/core/execution_pb.ts";
import { SerializationContext } from "../../src/serialize/context.ts";
import { serializeTask } from "../../src/serialize/task-spec.ts";
import { ChildActionError } from "../../src/runtime/controller/child-action-error.ts";
import { RemoteController } from "../../src/runtime/controller/remote-controller.ts";
import { inClusterConnection } from "../../src/runtime/controller/connection.ts";
import { controlPlaneEndpoint } from "../../src/runtime/controller/endpoint.ts";
import { storageFor } from "../../src/runtime/storage/index.ts";
import type { AnyTask } from "../../src/task/task.ts";
import { ActionPhase, ActionStore, RECOVERED_PHASE, isTerminal } from "./action-store.ts";
import { FakeActionsService } from "./actions-service.ts";
import { startServer } from "./server.ts";

const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
let tasks: Map<string, AnyTask>;
beforeAll(async () => {
  tasks = new Map((await loadTasks(join(pkgDir, "test/fixtures/child-tasks.ts"))).map((t) => [t.taskName, t]));
});
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const run = { org: "local", project: "p", domain: "d", name: "r1" };
const id = (name: string) => create(ActionIdentifierSchema, { run, name });

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), "actions-service-"));
  const store = new ActionStore();
  const service = new FakeActionsService({ store });
  const server = await startServer({ services: [service.routes] });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => server.close());
  const client = createClient(ActionsService, createConnectTransport({ baseUrl: server.url, httpVersion: "1.1", useBinaryFormat: true }));
  const spec = serializeTask(tasks.get("ct.square")!, { version: "v1", project: "p", domain: "d", org: "local", rootDir: pkgDir });
  store.create({ id: id("a0"), spec, inputUri: `file://${dir}/run/a0/inputs.pb`, runOutputBase: `file://${dir}/run` });
  const enqueue = (name: string, parent: string | undefined, withSpec = true) => client.enqueue({
    action: {
      actionId: id(name), ...(parent !== undefined ? { parentActionName: parent } : {}), inputUri: `file://${dir}/run/${name}/inputs.pb`, runOutputBase: `file://${dir}/run`,
      spec: { case: "task", value: { id: { name: "ct.square", version: "v1" }, ...(withSpec ? { spec } : {}) } },
    },
  });
  return { dir, store, service, server, client, enqueue };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => Code[ConnectError.from(e).code]);

describe("the fake ActionsService", () => {
  it("answers as the v2.0.43 backend: INTERNAL for an existing action, a missing parent and an unknown abort", async () => {
    const { enqueue, client, store } = await setUp();
    expect(await codeOf(enqueue("c1", "a0"))).toBe("OK");
    expect(await codeOf(enqueue("c1", "a0"))).toBe("Internal");
    expect(await codeOf(enqueue("c2", "nobody"))).toBe("Internal");
    expect(await codeOf(enqueue("c3", "a0", false))).toBe("InvalidArgument");
    expect(await codeOf(client.abort({ actionId: id("ghost") }))).toBe("Internal");
    expect(store.children("r1", "a0").map((a) => [a.name, ActionPhase[a.phase]])).toEqual([["c1", "QUEUED"]]);
  });

  it("streams the parent and its direct children, the sentinel, then live updates; Abort cascades", async () => {
    const { enqueue, client, store } = await setUp();
    await enqueue("c1", "a0");
    await enqueue("g1", "c1");
    const abort = new AbortController();
    const seen: string[] = [];
    const stream = client.watchForUpdates({ filter: { case: "parentActionId", value: id("a0") } }, { signal: abort.signal });
    const reading = (async () => {
      for await (const m of stream) {
        if (m.message.case === "controlMessage") seen.push("sentinel");
        else if (m.message.case === "actionUpdate") {
          const u = m.message.value;
          seen.push(`${u.actionId?.name}:${ActionPhase[u.phase]}:${u.actionId?.run?.org === "" ? "no-org" : "org"}`);
          if (seen.length === 5) abort.abort();
        }
      }
    })().catch(() => undefined);
    while (!seen.includes("sentinel")) await new Promise((r) => setTimeout(r, 10));
    store.transition("r1", "c1", ActionPhase.RUNNING);
    await client.abort({ actionId: id("c1"), reason: "enough" });
    await reading;
    // The grandchild is not the parent's direct child: its updates are not on this stream.
    expect(seen).toEqual(["a0:QUEUED:no-org", "c1:QUEUED:no-org", "sentinel", "c1:RUNNING:no-org", "c1:ABORTED:no-org"]);
    expect([ActionPhase[store.get("r1", "g1")!.phase], ActionPhase[store.get("r1", "c1")!.phase]]).toEqual(["ABORTED", "ABORTED"]);
  });
});

describe("the remote controller's outcomes", { timeout: 30_000 }, () => {
  async function controller(parentName = "a0") {
    const s = await setUp();
    const c = new RemoteController({
      transport: inClusterConnection({ _U_EP_OVERRIDE: s.server.url.replace("http://", ""), _U_INSECURE: "true" }).transport,
      parent: { org: "local", project: "p", domain: "d", runName: "r1", actionName: parentName, runBaseDir: `file://${s.dir}/run`, version: "v1", customContext: { team: "ml" } },
      serialization: new SerializationContext({ version: "v1", project: "p", domain: "d", org: "local", rootDir: pkgDir }),
      storageFor: (uri) => storageFor(uri),
      maxEnqueueAttempts: 2,
      enqueueBackoffMs: () => 10,
    });
    cleanups.push(() => c.close());
    // The child of the call in progress: the one not finished yet.
    const child = async () => {
      for (;;) {
        const open = s.store.children("r1", "a0").find((x) => !isTerminal(x.phase));
        if (open) return open;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    return { ...s, c, child };
  }
  const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: ChildActionError) => [e.code, e.kind, e.remoteCode, e.message.replace(/child action \w+/, "child action X")]);

  it("TIMED_OUT is a timeout, ABORTED aborted, FAILED by its error kind (a server|user code keeps the user part)", async () => {
    const { c, store, child } = await controller();
    const square = tasks.get("ct.square")!;
    const cases: Array<[ActionPhase, unknown, unknown[]]> = [
      [ActionPhase.TIMED_OUT, undefined, ["CHILD_ACTION", "timeout", "", "child action X (task ct.square) timed out"]],
      [ActionPhase.ABORTED, undefined, ["CHILD_ACTION", "aborted", "", "child action X (task ct.square) was aborted"]],
      [ActionPhase.FAILED, create(ExecutionErrorSchema, { code: "OOMKilled", message: "out of memory", kind: ExecutionError_ErrorKind.SYSTEM }), ["CHILD_ACTION", "system", "OOMKilled", "child action X (task ct.square) failed: OOMKilled: out of memory"]],
      [ActionPhase.FAILED, create(ExecutionErrorSchema, { code: "server|ValueError", message: "bad", kind: ExecutionError_ErrorKind.USER }), ["CHILD_ACTION", "user", "ValueError", "child action X (task ct.square) failed: ValueError: bad"]],
    ];
    for (const [i, [phase, error, want]] of cases.entries()) {
      const call = failureOf(c.submit(square, { n: 10 + i }));
      const a = await child();
      store.transition("r1", a.name, phase, error ? { error: error as never } : {});
      expect(await call).toEqual(want);
    }
  });

  it("RECOVERED is a success; a success without an output URI is a system error", async () => {
    const { c, store, child } = await controller();
    const call = failureOf(c.submit(tasks.get("ct.square")!, { n: 3 }));
    store.transition("r1", (await child()).name, RECOVERED_PHASE);
    expect(await call).toEqual(["CHILD_ACTION", "system", "MissingOutputs", "child action X (task ct.square) succeeded without an output URI"]);
  });

  it("checks the inputs before anything is written or enqueued", async () => {
    const { c, service } = await controller();
    await expect(c.submit(tasks.get("ct.square")!, { n: "seven" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(service.enqueued).toHaveLength(0);
  });

  it("a child that cannot be enqueued fails with the server's answer", async () => {
    // A parent the server does not know: INTERNAL on every attempt.
    const { c } = await controller("ghost");
    const e = (await c.submit(tasks.get("ct.square")!, { n: 1 }).catch((x: unknown) => x)) as ChildActionError;
    expect([e.code, e.kind, e.remoteCode]).toEqual(["CHILD_ACTION", "system", "EnqueueFailed"]);
    expect(e.message).toMatch(/^child action \w+ \(task ct\.square\) could not be enqueued after 2 attempts: Internal: /);
  });
});

describe("the control plane endpoint from the pod's environment", () => {
  it("adds the scheme the reference adds, and refuses a malformed value", () => {
    expect(controlPlaneEndpoint({})).toBeUndefined();
    expect(controlPlaneEndpoint({ _U_EP_OVERRIDE: "flyte-http.flyte:8090", _U_INSECURE: "true" })).toEqual({ baseUrl: "http://flyte-http.flyte:8090", insecure: true });
    expect(controlPlaneEndpoint({ _U_EP_OVERRIDE: "flyte.example.com:443" })).toEqual({ baseUrl: "https://flyte.example.com:443", insecure: false });
    expect(controlPlaneEndpoint({ _U_EP_OVERRIDE: "host.docker.internal:8090" })).toEqual({ baseUrl: "http://host.docker.internal:8090", insecure: true });
    expect(controlPlaneEndpoint({ _U_EP_OVERRIDE: "dns:///localhost:8090" })).toEqual({ baseUrl: "http://localhost:8090", insecure: true });
    expect(controlPlaneEndpoint({ _U_EP_OVERRIDE: "https://cp.internal/" })).toEqual({ baseUrl: "https://cp.internal", insecure: false });
    expect(() => controlPlaneEndpoint({ _U_EP_OVERRIDE: "http://" })).toThrow(/_U_EP_OVERRIDE must be host:port or an http\(s\) URL, got "http:\/\/"/);
  });
});
