import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { create, fromBinary, toBinary, toJson } from "@bufbuild/protobuf";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadTasks } from "../../src/module/load-tasks.ts";
import { serializeTask } from "../../src/serialize/task-spec.ts";
import type { TaskSpec } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";
import { InputsSchema, OutputsSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { ActionIdentifierSchema } from "../../src/gen/flyteidl2/common/identifier_pb.ts";
import { ActionPhase, ActionStore, ActionStoreError, type StoredAction } from "./action-store.ts";
import { ActionExecutor } from "./executor.ts";

const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
let specs: Map<string, TaskSpec>;

beforeAll(async () => {
  const tasks = await loadTasks(join(pkgDir, "test/fixtures/child-tasks.ts"));
  specs = new Map(tasks.map((t) => [t.taskName, serializeTask(t, { version: "v1", project: "p", domain: "d", rootDir: pkgDir })]));
});

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const int = (n: number) => ({ value: { case: "scalar" as const, value: { value: { case: "primitive" as const, value: { value: { case: "integer" as const, value: BigInt(n) } } } } } });

function setUp() {
  const root = mkdtempSync(join(tmpdir(), "executor-"));
  dirs.push(root);
  const store = new ActionStore();
  const executor = new ActionExecutor({ store, storageRoot: root, cwd: pkgDir });
  const runBase = `file://${root}/bucket/runs/r1`;
  const add = (name: string, task: string, literals: Array<{ name: string; value: unknown }>, parent?: string): StoredAction => {
    const inputDir = join(root, "bucket/runs/r1", name);
    mkdirSync(inputDir, { recursive: true });
    writeFileSync(join(inputDir, "inputs.pb"), toBinary(InputsSchema, create(InputsSchema, { literals: literals as never })));
    return store.create({
      id: create(ActionIdentifierSchema, { run: { org: "local", project: "p", domain: "d", name: "r1" }, name }),
      parent, spec: specs.get(task)!, inputUri: `${runBase}/${name}/inputs.pb`, runOutputBase: runBase,
    });
  };
  return { root, store, executor, add };
}

describe("ActionExecutor runs actions through the built a0", { timeout: 60_000 }, () => {
  it("runs an action to SUCCEEDED, recording each phase and the attempt's sharded output prefix", async () => {
    const { root, store, executor, add } = setUp();
    const seen: string[] = [];
    const sub = store.subscribe({ run: "r1" }, (a) => seen.push(`${a.name}:${ActionPhase[a.phase]}`));
    add("a0", "ct.square", [{ name: "n", value: int(7) }]);
    const done = await executor.start("r1", "a0");
    sub.unsubscribe();
    expect(seen).toEqual(["a0:QUEUED", "a0:INITIALIZING", "a0:RUNNING", "a0:SUCCEEDED"]);
    expect(done.outputUri).toMatch(new RegExp(`^file://${root}/[0-9a-z]{2}/bucket/runs/r1/a0/1$`));
    expect(done.outputUri).toBe(executor.outputPrefix(done, 1));
    const outputs = fromBinary(OutputsSchema, readFileSync(join(done.outputUri!.slice("file://".length), "outputs.pb")));
    expect(toJson(OutputsSchema, outputs)).toEqual({ literals: [{ name: "o0", value: { scalar: { primitive: { integer: "49" } } } }] });
    expect(done.transitions.map((t) => [ActionPhase[t.phase], t.attempt])).toEqual([["QUEUED", 0], ["INITIALIZING", 1], ["RUNNING", 1], ["SUCCEEDED", 1]]);
    expect(executor.logs("r1", "a0")[0]!.stderr).toContain("running ct.square (run r1, action a0, attempt 0)");
  });

  it("reports the error document of a failed action", async () => {
    const { executor, add } = setUp();
    add("a0", "ct.fail", [{ name: "why", value: { value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "stringValue", value: "no" } } } } } } }]);
    const done = await executor.start("r1", "a0");
    expect(ActionPhase[done.phase]).toBe("FAILED");
    expect([done.error?.code, done.error?.message, done.error?.kind]).toEqual(["Error", "child refused: no", 1]);
    expect(done.error?.errorUri).toBe(`${executor.outputPrefix(done, 1)}/error.pb`);
  });

  it("aborts an action and its running descendants, killing their a0", async () => {
    const { store, executor, add } = setUp();
    add("a0", "ct.sleepy", [{ name: "ms", value: int(60_000) }]);
    add("c1", "ct.sleepy", [{ name: "ms", value: int(60_000) }], "a0");
    const root = executor.start("r1", "a0");
    const child = executor.start("r1", "c1");
    await until(() => store.get("r1", "c1")!.phase === ActionPhase.RUNNING && store.get("r1", "a0")!.phase === ActionPhase.RUNNING);
    expect(await executor.abort("r1", "a0", "stop")).toEqual(["c1", "a0"]);
    expect([ActionPhase[(await root).phase], ActionPhase[(await child).phase]]).toEqual(["ABORTED", "ABORTED"]);
    expect(executor.logs("r1", "c1")[0]!.signal).toBe("SIGKILL");
  });

  it("refuses an existing action and a missing parent", () => {
    const { add } = setUp();
    add("a0", "ct.square", [{ name: "n", value: int(1) }]);
    expect(() => add("a0", "ct.square", [])).toThrow(new ActionStoreError("ALREADY_EXISTS", "action r1/a0 already exists"));
    expect(() => add("c9", "ct.square", [], "nobody")).toThrow(new ActionStoreError("PARENT_NOT_FOUND", "parent action r1/nobody of c9 does not exist"));
  });
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
