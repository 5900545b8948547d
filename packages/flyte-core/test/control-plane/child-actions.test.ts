// a0's remote controller end to end: a parent task runs in the REAL built a0 (started by the fake's
// executor from its serialized TaskSpec), calls other tasks, and the calls become child actions on the
// fake control plane's ActionsService, whose executor runs each child through a0 from its inline TaskSpec.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { create, toBinary, toJson } from "@bufbuild/protobuf";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadTasks } from "../../src/module/load-tasks.ts";
import { FlyteTsError } from "../../src/errors.ts";
import { serializeTask } from "../../src/serialize/task-spec.ts";
import type { AnyTask } from "../../src/task/task.ts";
import { ActionIdentifierSchema } from "../../src/gen/flyteidl2/common/identifier_pb.ts";
import { InputsSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { SparkJobSchema } from "../../src/gen/flyteidl2/plugins/spark_pb.ts";
import { fromJson } from "@bufbuild/protobuf";
import { childInputs } from "../../src/runtime/controller/child-inputs.ts";
import { childActionName, inputsHash, taskIdentityHash } from "../../src/runtime/controller/child-name.ts";
import { decodeOutputs } from "../../src/runtime/literal-io.ts";
import { readFileSync } from "node:fs";
import { ActionPhase, ActionStore, type StoredAction } from "./action-store.ts";
import { FakeActionsService } from "./actions-service.ts";
import { ActionExecutor } from "./executor.ts";
import { authMetadataService, tokenRoute } from "./auth-service.ts";
import { authCheckInterceptor } from "./faults.ts";
import { startServer, type RunningServer } from "./server.ts";
import { FakeState } from "./state.ts";

const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
let tasks: Map<string, AnyTask>;

beforeAll(async () => {
  tasks = new Map((await loadTasks(join(pkgDir, "test/fixtures/child-tasks.ts"))).map((t) => [t.taskName, t]));
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Plane {
  root: string;
  store: ActionStore;
  executor: ActionExecutor;
  service: FakeActionsService;
  server: RunningServer;
  /** Starts `task` as the root action a0 of run r1 and resolves when it has finished. */
  runRoot(task: string, inputs: Record<string, unknown>): Promise<StoredAction>;
  output(action: StoredAction, task: string): unknown;
  phases(): Record<string, string>;
}

/** OAuth2 clients (id → secret): the plane then refuses calls without a bearer token from its token endpoint. */
interface PlaneAuth {
  clients: Record<string, string>;
  state: FakeState;
}

async function plane(env: Record<string, string> = {}, auth?: PlaneAuth): Promise<Plane> {
  const root = mkdtempSync(join(tmpdir(), "child-actions-"));
  const store = new ActionStore();
  const service = new FakeActionsService({ store });
  let url = "";
  const server = await startServer(
    auth
      ? {
          services: [service.routes, authMetadataService(() => url)],
          routes: [tokenRoute(auth.state, new Map(Object.entries(auth.clients)))],
          interceptors: [authCheckInterceptor(auth.state, () => true)],
        }
      : { services: [service.routes] },
  );
  url = server.url;
  const executor = new ActionExecutor({ store, storageRoot: root, cwd: pkgDir, endpoint: server.url.replace("http://", ""), env });
  service.attach(executor);
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  cleanups.push(() => server.close());
  cleanups.push(() => executor.close());
  const runBase = `file://${root}/bucket/org/p/d/r1`;
  return {
    root, store, executor, service, server,
    async runRoot(taskName, inputs) {
      const task = tasks.get(taskName)!;
      const spec = serializeTask(task, { version: "v1", project: "p", domain: "d", org: "local", rootDir: pkgDir });
      const inputDir = join(root, "bucket/org/p/d/r1/a0");
      mkdirSync(inputDir, { recursive: true });
      writeFileSync(join(inputDir, "inputs.pb"), toBinary(InputsSchema, childInputs(task.settings, inputs)));
      store.create({
        id: create(ActionIdentifierSchema, { run: { org: "local", project: "p", domain: "d", name: "r1" }, name: "a0" }),
        spec, inputUri: `${runBase}/a0/inputs.pb`, runOutputBase: runBase,
      });
      return executor.start("r1", "a0");
    },
    output(action, taskName) {
      return decodeOutputs(readFileSync(join(action.outputUri!.slice("file://".length), "outputs.pb")), tasks.get(taskName)!.settings);
    },
    phases() {
      return Object.fromEntries(store.actionsOf("r1").map((a) => [a.name, ActionPhase[a.phase]]));
    },
  };
}

/** The name the parent a0 must give a call of `taskName` with `inputs` (the n-th such call). */
function expectedName(parent: string, taskName: string, inputs: Record<string, unknown>, seq = 1, spec?: StoredAction["spec"]): string {
  const task = tasks.get(taskName)!;
  const template = (spec ?? serializeTask(task, { version: "v1", project: "p", domain: "d", org: "local", rootDir: pkgDir })).taskTemplate!;
  return childActionName({ parent, inputsHash: inputsHash(childInputs(task.settings, inputs).literals), taskHash: taskIdentityHash(template), seq });
}

const taskOf = (a: StoredAction) => a.spec.taskTemplate?.id?.name;
const stderrOf = (p: Plane, name: string) => p.executor.logs("r1", name).map((l) => l.stderr).join("\n");

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("child actions through the fake control plane and the real a0", { timeout: 90_000 }, () => {
  it("fans out to three children (one with a Spark override), collects their outputs and returns a result", async () => {
    const p = await plane();
    const done = await p.runRoot("ct.fanOut", { n: 3 });
    expect([ActionPhase[done.phase], done.error?.message]).toEqual(["SUCCEEDED", undefined]);
    expect(p.output(done, "ct.fanOut")).toEqual([9, 16, 25, 50]);

    // Enqueued concurrently, so in no fixed order: sorted by task, then by their inputs' output.
    const children = p.store.children("r1", "a0").sort((a, b) => String(taskOf(a)).localeCompare(String(taskOf(b))) || Number(p.output(a, "ct.square")) - Number(p.output(b, "ct.square")));
    expect(children.map((c) => [taskOf(c), ActionPhase[c.phase], c.parent, p.output(c, "ct.square")])).toEqual([
      ["ct.square", "SUCCEEDED", "a0", 9], ["ct.square", "SUCCEEDED", "a0", 16], ["ctspark.sparkSquare", "SUCCEEDED", "a0", 25],
    ]);
    // Deterministic names (T from the spec a0 serialized: its discovery version hashes the function's
    // source text as a0's loader compiled it), inputs under the run base, the parent's version on the task id.
    expect(children.map((c) => c.name)).toEqual([
      expectedName("a0", "ct.square", { n: 3 }, 1, children[0]!.spec), expectedName("a0", "ct.square", { n: 4 }, 1, children[1]!.spec),
      expectedName("a0", "ctspark.sparkSquare", { n: 5 }, 1, children[2]!.spec),
    ]);
    for (const c of children) {
      expect(c.inputUri).toBe(`file://${p.root}/bucket/org/p/d/r1/${c.name}/inputs.pb`);
      expect([c.runOutputBase, c.taskId?.version, c.taskId?.name, c.group]).toEqual([`file://${p.root}/bucket/org/p/d/r1`, "v1", taskOf(c), ""]);
    }
    // The Spark override is in the child's inline TaskSpec.
    const spark = children[2]!;
    const job = toJson(SparkJobSchema, fromJson(SparkJobSchema, spark.spec.taskTemplate!.custom as never)) as { sparkConf: Record<string, string> };
    expect(spark.spec.taskTemplate!.type).toBe("spark");
    expect(job.sparkConf).toEqual({ "spark.executor.instances": "10" });
    const plain = serializeTask(tasks.get("ctspark.sparkSquare")!, { version: "v1", project: "p", domain: "d", org: "local", rootDir: pkgDir });
    expect((toJson(SparkJobSchema, fromJson(SparkJobSchema, plain.taskTemplate!.custom as never)) as { sparkConf: Record<string, string> }).sparkConf)
      .toEqual({ "spark.executor.instances": "2", "spark.executor.memory": "1g" });
    expect(p.service.enqueued.map((a) => a.actionId?.name).sort()).toEqual(children.map((c) => c.name).sort());
    expect(stderrOf(p, "a0")).toContain(`child actions go to ${p.server.url} (credentials: none)`);
  });

  it("fails the parent with an error that names the failing child", async () => {
    const p = await plane();
    const done = await p.runRoot("ct.failingParent", {});
    const failed = p.store.children("r1", "a0").find((c) => taskOf(c) === "ct.fail")!;
    expect([ActionPhase[failed.phase], failed.error?.code, failed.error?.message]).toEqual(["FAILED", "Error", "child refused: bad rows"]);
    expect(ActionPhase[done.phase]).toBe("FAILED");
    expect([done.error?.code, done.error?.kind]).toEqual(["CHILD_ACTION", 1]);
    expect(done.error?.message).toBe(`child action ${failed.name} (task ct.fail) failed: Error: child refused: bad rows`);
  });

  it("reads the child's error.pb under its output URI when the update carries no error", async () => {
    const p = await plane();
    p.service.updatesWithoutErrors = true;
    const done = await p.runRoot("ct.failingParent", {});
    const failed = p.store.children("r1", "a0").find((c) => taskOf(c) === "ct.fail")!;
    expect([ActionPhase[done.phase], done.error?.code]).toEqual(["FAILED", "CHILD_ACTION"]);
    expect(done.error?.message).toBe(`child action ${failed.name} (task ct.fail) failed: Error: child refused: bad rows`);
  });

  it("a retried parent reuses the children its first attempt finished", async () => {
    const p = await plane();
    const done = await p.runRoot("ct.flaky", { n: 6 });
    expect([ActionPhase[done.phase], done.attempts]).toEqual(["SUCCEEDED", 2]);
    const children = p.store.children("r1", "a0");
    expect(children.map((c) => [taskOf(c), ActionPhase[c.phase]])).toEqual([["ct.square", "SUCCEEDED"], ["ct.whoAmI", "SUCCEEDED"]]);
    // Each child ran once, although both attempts of the parent called it.
    expect(children.map((c) => p.executor.logs("r1", c.name).length)).toEqual([1, 1]);
    expect(p.service.enqueued).toHaveLength(2);
    expect(p.output(done, "ct.flaky")).toEqual([36, `remote|r1|${children[1]!.name}`]);
    expect(p.executor.logs("r1", "a0")[1]!.stderr).toContain(`child action ${children[0]!.name} (ct.square) already exists (SUCCEEDED): not enqueued again`);
  });

  it("a parent that fails aborts its children still running", async () => {
    const p = await plane();
    const done = await p.runRoot("ct.failFast", {});
    expect(ActionPhase[done.phase]).toBe("FAILED");
    const slow = p.store.children("r1", "a0").find((c) => taskOf(c) === "ct.sleepy")!;
    expect(ActionPhase[slow.phase]).toBe("ABORTED");
    expect(p.service.abortRequests.map((r) => [r.actionId?.name, r.reason])).toEqual([[slow.name, "parent action a0 failed"]]);
    expect(p.executor.logs("r1", slow.name)[0]!.signal).toBe("SIGKILL");
  });

  it("a parent stopped with SIGTERM aborts its running children", async () => {
    const p = await plane();
    const done = p.runRoot("ct.hangs", {});
    await until(() => p.store.children("r1", "a0").some((c) => c.phase === ActionPhase.RUNNING), "the child to run");
    const child = p.store.children("r1", "a0")[0]!;
    expect(p.executor.signal("r1", "a0", "SIGTERM")).toBe(true);
    await until(() => child.phase === ActionPhase.ABORTED, "the child to be aborted");
    expect(p.service.abortRequests.map((r) => [r.actionId?.name, r.reason])).toEqual([[child.name, "parent action a0 was interrupted"]]);
    const parent = await done;
    // a0's process guard reports the interruption itself (not the aborted child) and exits 0.
    expect([ActionPhase[parent.phase], parent.error?.code, p.executor.logs("r1", "a0")[0]!.exitCode]).toEqual(["FAILED", "TERMINATED", 0]);
    expect(p.store.children("r1", "a0")).toHaveLength(1);
  });

  it("a dropped watch reconnects and resynchronises from the snapshot", async () => {
    const p = await plane();
    const done = p.runRoot("ct.waitsLong", { ms: 1500 });
    await until(() => p.store.children("r1", "a0").some((c) => c.phase === ActionPhase.RUNNING) && p.service.openWatches === 1, "the child to run");
    // The stream drops and the watch cannot reconnect until the child has finished.
    p.service.refuseWatches = true;
    expect(p.service.dropWatches()).toBe(1);
    const child = p.store.children("r1", "a0")[0]!;
    // At least one reconnect is refused, however slowly a loaded machine runs the reconnect timer.
    await until(() => child.phase === ActionPhase.SUCCEEDED && p.service.watchesRefused > 0, "the child to finish while a reconnect was refused");
    p.service.refuseWatches = false;
    const parent = await done;
    expect([ActionPhase[parent.phase], p.output(parent, "ct.waitsLong")]).toEqual(["SUCCEEDED", 1501]);
    // The child finished while no watch was open: its end came from the new stream's snapshot.
    expect(p.service.watchesRefused).toBeGreaterThan(0);
    expect(p.service.watchesOpened).toHaveLength(2);
    expect(child.transitions.at(-1)!.at.getTime()).toBeLessThan(p.service.watchesOpened[1]!.getTime());
    expect(stderrOf(p, "a0")).toContain("watch of a0's children ended; reconnecting");
  });

  it("a group sets the children's group and goes into their names", async () => {
    const p = await plane();
    const done = await p.runRoot("ct.grouped", { n: 5 });
    expect(p.output(done, "ct.grouped")).toEqual([25, 25]);
    const children = p.store.children("r1", "a0");
    expect(children.map((c) => c.group)).toEqual(["", "squares"]);
    const task = tasks.get("ct.square")!;
    const base = { parent: "a0", inputsHash: inputsHash(childInputs(task.settings, { n: 5 }).literals), taskHash: taskIdentityHash(children[0]!.spec.taskTemplate!), seq: 1 };
    expect(children.map((c) => c.name)).toEqual([childActionName(base), childActionName({ ...base, group: "squares" })]);
  });

  it("runs a map's children concurrently, at most _F_P_CNC at a time", async () => {
    const p = await plane({ _F_P_CNC: "2" });
    const done = await p.runRoot("ct.mapSleepy", { count: 4, ms: 400 });
    expect(p.output(done, "ct.mapSleepy")).toEqual([400, 401, 402, 403]);
    const children = p.store.children("r1", "a0");
    expect(children).toHaveLength(4);
    // From the phase history: how many children were between enqueue and end at once.
    const events = children.flatMap((c) => [[c.transitions[0]!.at.getTime(), 1], [c.transitions.at(-1)!.at.getTime(), -1]] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let now = 0;
    let most = 0;
    for (const [, d] of events) most = Math.max(most, (now += d));
    expect(most).toBe(2);
  });

  it("an action that calls no task never loads the controller", async () => {
    const p = await plane();
    const done = await p.runRoot("ct.square", { n: 3 });
    expect([ActionPhase[done.phase], p.output(done, "ct.square")]).toEqual(["SUCCEEDED", 9]);
    expect(stderrOf(p, "a0")).not.toContain("child actions go to");
  });
});

describe("child actions against a control plane that needs credentials", { timeout: 90_000 }, () => {
  const SECRET = "s3cr3t/with+chars";
  const apiKey = (url: string, secret: string) => Buffer.from(`${url}:pod-client:${secret}:None`).toString("base64");
  const authPlane = async (env: (url: string) => Record<string, string>) => {
    const state = new FakeState(mkdtempSync(join(tmpdir(), "child-auth-")));
    cleanups.push(() => rmSync(state.storageDir, { recursive: true, force: true }));
    // The executor reads this object when it starts each a0: filled once the server's URL is known.
    const a0Env: Record<string, string> = {};
    const p = await plane(a0Env, { clients: { "pod-client": SECRET }, state });
    Object.assign(a0Env, { FLYTE_TS_TOKEN_CACHE_DIR: join(state.storageDir, "tokens") }, env(p.server.url));
    return { p, state };
  };

  it("authenticates with the API key the control plane injects (_UNION_EAGER_API_KEY) and never prints it", async () => {
    const { p, state } = await authPlane((url) => ({ _UNION_EAGER_API_KEY: apiKey(url, SECRET) }));
    const done = await p.runRoot("ct.fanOut", { n: 3 });
    expect([ActionPhase[done.phase], done.error?.message]).toEqual(["SUCCEEDED", undefined]);
    expect(p.output(done, "ct.fanOut")).toEqual([9, 16, 25, 50]);
    expect(state.tokensIssued).toBe(1);
    const stderr = stderrOf(p, "a0");
    expect(stderr).toContain(`child actions go to ${p.server.url} (credentials: the API key in _UNION_EAGER_API_KEY)`);
    expect(stderr).not.toContain(SECRET);
  });

  it("a refused API key fails the parent with an AUTH error naming the client, not the secret", async () => {
    const { p } = await authPlane((url) => ({ EAGER_API_KEY: apiKey(url, "wrong-secret") }));
    const done = await p.runRoot("ct.fanOut", { n: 3 });
    expect(ActionPhase[done.phase]).toBe("FAILED");
    expect(done.error?.message).toContain("refused client pod-client (invalid_client: bad client credentials)");
    expect(JSON.stringify(done.error)).not.toContain("wrong-secret");
    expect(p.store.children("r1", "a0")).toEqual([]);
  });

  it("a mounted config file (FLYTECTL_CONFIG) gives the credentials; _U_EP_OVERRIDE still names the endpoint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "child-auth-config-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "secret"), SECRET);
    // The file's endpoint is not the plane's: the pod's _U_EP_OVERRIDE must win.
    writeFileSync(join(dir, "config.yaml"), `admin:\n  endpoint: dns:///flyte.invalid:443\n  authType: ClientSecret\n  clientId: pod-client\n  clientSecretLocation: ${join(dir, "secret")}\n`);
    const { p, state } = await authPlane((url) => ({ FLYTECTL_CONFIG: join(dir, "config.yaml"), _U_EP_OVERRIDE: url }));
    const done = await p.runRoot("ct.fanOut", { n: 3 });
    expect([ActionPhase[done.phase], done.error?.message]).toEqual(["SUCCEEDED", undefined]);
    expect(state.tokensIssued).toBe(1);
    expect(stderrOf(p, "a0")).toContain(`child actions go to ${p.server.url} (credentials: ClientSecret from config file ${join(dir, "config.yaml")})`);
  });
});

describe("the same task code in a local run", () => {
  it("runs nested calls in-process, without a control plane", async () => {
    const { run } = await import("../../src/run/execute.ts");
    expect(await run(tasks.get("ct.mapSleepy")!, { count: 3, ms: 5 })).toEqual([5, 6, 7]);
    const [a, who] = (await run(tasks.get("ct.flaky")!, { n: 4 }, { runName: "local1", sleep: async () => undefined })) as [number, string];
    expect([a, who.split("|").slice(0, 2)]).toEqual([16, ["local", "local1"]]);
    expect(await run(tasks.get("ct.grouped")!, { n: 3 })).toEqual([9, 9]);
  });

  it("refuses a group without a name", async () => {
    const { group } = await import("../../src/run/group.ts");
    expect(() => group("  ", () => 1)).toThrow(new FlyteTsError("INVALID_CONFIG", 'group name must be a non-empty string, got "  "'));
    expect(await group("g", async () => 2)).toBe(2);
  });
});
