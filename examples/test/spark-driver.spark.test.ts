// The cluster path of a Spark task, emulated without Kubernetes: the SparkApplication the backend builds
// for the example (what `flyte-ts render` shows, equal to the recorded backend output in
// conformance/golden-backend) is submitted as the Spark operator would, with `spark-submit --master local[2]`:
// its sparkConf, its mainApplicationFile (the driver bridge, installed at that path in an emulated image)
// and its arguments, the backend's placeholders filled for file storage. The bridge serves Spark Connect
// inside the driver and runs `a0`, whose body queries the driver's own session.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { sparkDriverBridgePath, sparkPlugin } from "@flyte-ts/plugin-spark";
import { beforeAll, describe, expect, it } from "vitest";
import { wordCount } from "../src/spark.ts";
import { ErrorDocumentSchema, InputsSchema, decodeOutputs, renderArgsLikeBackend, examplesDir, repoRoot, cliBin, conformancePython } from "./runtime-harness.ts";


type Json = Record<string, unknown>;
interface SparkApplication { metadata: { name: string }; spec: { type: string; mainApplicationFile: string; arguments: string[]; sparkConf: Record<string, string>; driver: { env: { name: string; value?: string }[] } } }
interface SerializedTask { taskTemplate: { id: { name: string }; metadata: { runtime: { version: string } } } }

const venvBin = join(repoRoot, ".engines", "spark", "venv", "bin");

let work: string;
let image: string;
const applications = new Map<string, SparkApplication>();
const tasks = new Map<string, SerializedTask>();

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// The image's files as the plugin's README recipe installs them: the bridge at the default
// mainApplicationFile, the Python that has pyspark at the executorPath, the project in the working dir.
function emulateImage(root: string): void {
  mkdirSync(join(root, "opt", "venv", "bin"), { recursive: true });
  copyFileSync(sparkDriverBridgePath(), join(root, "opt", "venv", "bin", "runtime.py"));
  symlinkSync(join(venvBin, "python"), join(root, "opt", "venv", "bin", "python"));
}
const inImage = (path: string) => (path.startsWith("/opt/") ? join(image, path) : path);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "spark-driver-"));
  image = join(work, "image");
  emulateImage(image);
  const built = JSON.parse(run(cliBin, ["bundle", "--root-dir", examplesDir, "--out", join(work, "bundles")], examplesDir)) as { archive: string };
  for (const module of ["src/spark.ts", "test/fixtures/spark-driver-tasks.ts"]) {
    const specs = JSON.parse(run(cliBin, ["serialize", module, "--root-dir", examplesDir, "--bundle", built.archive], examplesDir)) as SerializedTask[];
    for (const spec of specs) tasks.set(spec.taskTemplate.id.name, spec);
  }
}, 120_000);

async function applicationOf(taskName: string): Promise<SparkApplication> {
  let app = applications.get(taskName);
  if (!app) {
    // What `flyte-ts render` writes for the task as serialized with its code bundle.
    const [rendered] = await sparkPlugin.render!(tasks.get(taskName) as unknown as Json);
    app = rendered!.resource as unknown as SparkApplication;
    applications.set(taskName, app);
  }
  return app;
}

interface Driver {
  dir: string;
  outDir: string;
  /** spark-submit's process. */
  child: ReturnType<typeof spawn>;
  log: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** spark-submit of a SparkApplication, as the operator submits it, with one action's inputs. */
async function submit(taskName: string, inputsJson: unknown): Promise<Driver> {
  const app = await applicationOf(taskName);
  const task = tasks.get(taskName)!;
  const dir = mkdtempSync(join(work, "action-"));
  const workdir = join(dir, "home-flyte");
  mkdirSync(workdir);
  symlinkSync(join(examplesDir, "node_modules"), join(workdir, "node_modules"));
  mkdirSync(join(dir, "inputs"));
  writeFileSync(join(dir, "inputs", "inputs.pb"), toBinary(InputsSchema, fromJson(InputsSchema, inputsJson as never)));
  const args = renderArgsLikeBackend(app.spec.arguments, {
    inputPrefix: join(dir, "inputs"), outputPrefix: `file://${dir}/a0/1`, runStartTime: new Date("2026-11-27T10:00:00Z"), runtimeVersion: task.taskTemplate.metadata.runtime.version,
  });
  const conf = Object.entries(app.spec.sparkConf).flatMap(([key, value]) => ["--conf", `${key}=${inImage(value)}`]);
  const mainFile = inImage(app.spec.mainApplicationFile.replace(/^local:\/\//, ""));
  const submitArgs = ["--master", "local[2]", "--deploy-mode", "client", "--name", app.metadata.name, ...conf,
    "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1", mainFile, ...args];
  const driverEnv = Object.fromEntries(app.spec.driver.env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
  const child = spawn(join(venvBin, "spark-submit"), submitArgs, {
    cwd: workdir,
    env: {
      ...driverEnv,
      // The image: Python with pyspark and Node's `a0` on PATH; the backend's injected variables.
      PATH: `${join(workdir, "node_modules", ".bin")}:${venvBin}:${process.env.PATH}`, HOME: process.env.HOME ?? "",
      ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
      _U_RUN_BASE: `file://${dir}/`, RUN_NAME: "rspark", ACTION_NAME: "a0", FLYTE_INTERNAL_EXECUTION_PROJECT: "p", FLYTE_INTERNAL_EXECUTION_DOMAIN: "d",
      _U_ORG_NAME: "local", FLYTE_ATTEMPT_NUMBER: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { dir, outDir: join(dir, "a0", "1"), child, log: () => log, exited };
}

/** The bridge's line naming the driver's application and the a0 it started. */
function bridgeLine(log: string): { applicationId: string; pid: number; remote: string } {
  const m = /\[flyte-ts spark driver\] application (\S+): started a0 \(pid (\d+)\) with SPARK_REMOTE=(\S+)/.exec(log);
  if (!m) throw new Error(`no bridge line in the driver's log:\n${log.slice(-4000)}`);
  return { applicationId: m[1]!, pid: Number(m[2]), remote: m[3]! };
}

function readByPythonSdk(taskName: string, outputsPath: string): unknown {
  const templateFile = join(work, `${taskName}.json`);
  writeFileSync(templateFile, JSON.stringify(tasks.get(taskName)));
  return JSON.parse(run(conformancePython, [join(repoRoot, "conformance", "python", "read_outputs.py"), templateFile, outputsPath], repoRoot));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function waitFor<T>(what: string, probe: () => T | undefined, ms: number): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    const got = probe();
    if (got !== undefined && got !== false) return got;
  }
  throw new Error(`timed out waiting for ${what}`);
}

const str = (s: string) => ({ scalar: { primitive: { stringValue: s } } });

describe("the Spark driver bridge runs a0 in the driver of the backend's SparkApplication", { timeout: 300_000 }, () => {
  it("the emulated resource is the backend's: Python application, the bridge at the default path, the runtime's arguments", async () => {
    const golden = JSON.parse(readFileSync(join(repoRoot, "conformance", "golden-backend", "spark-examples.word_count.json"), "utf8")) as { resource: SparkApplication };
    const app = await applicationOf("spark-examples.word_count");
    expect([app.spec.type, app.spec.mainApplicationFile]).toEqual([golden.resource.spec.type, golden.resource.spec.mainApplicationFile]);
    expect(app.spec.mainApplicationFile).toBe("local:///opt/venv/bin/runtime.py");
    expect(app.spec.sparkConf["spark.pyspark.driver.python"]).toBe(golden.resource.spec.sparkConf["spark.pyspark.driver.python"]);
    // The backend's arguments are the serialized container args (bundle flags and version aside).
    const drop = (args: string[]) => args.filter((a, i) => !["--tgz", "--dest", "--version"].includes(a) && !["--tgz", "--dest", "--version"].includes(args[i - 1]!));
    expect(drop(app.spec.arguments).slice(0, 2)).toEqual(golden.resource.spec.arguments.slice(0, 2));
    expect(drop(app.spec.arguments).slice(-4)).toEqual(["mod", "src/spark.ts", "task", "spark-examples.word_count"]);
  });

  it("word_count: the body's Spark SQL and DataFrame work runs in the driver's session; outputs.pb is read back by the Python SDK", async () => {
    const driver = await submit("spark-examples.word_count", { literals: [{ name: "text", value: str("the cat and the hat and THE bat") }] });
    const { code } = await driver.exited;
    expect(code, driver.log().slice(-4000)).toBe(0);
    const bridge = bridgeLine(driver.log());
    expect(bridge.remote).toMatch(/^sc:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(driver.outDir, "error.pb"))).toBe(false);
    const expected = {
      words: 8,
      counts: [
        { word: "the", count: 3, stopWord: true },
        { word: "and", count: 2, stopWord: true },
        { word: "bat", count: 1, stopWord: false },
        { word: "cat", count: 1, stopWord: false },
        { word: "hat", count: 1, stopWord: false },
      ],
      contentWords: 3,
      sparkVersion: "4.3.0",
      // The session the body used is the driver's: same application as the driver that ran the bridge.
      applicationId: bridge.applicationId,
    };
    expect(bridge.applicationId).toMatch(/^local-\d+$/);
    const outputsPath = join(driver.outDir, "outputs.pb");
    expect(decodeOutputs(readFileSync(outputsPath), wordCount.settings)).toEqual(expected);
    expect(readByPythonSdk("spark-examples.word_count", outputsPath)).toEqual({ o0: { type: expect.any(String), value: expected } });
    // a0 ran from the unpacked bundle in the driver's working directory.
    expect(existsSync(join(driver.dir, "home-flyte", "src", "spark.ts"))).toBe(true);
    expect(driver.log()).toContain("[flyte-ts spark driver] a0 exited with 0");
  });

  it("a body that throws: error.pb says why, and the driver exits 0 as the backend requires to read it", async () => {
    const driver = await submit("spark-examples.word_count", { literals: [{ name: "text", value: str("?! 42 ...") }] });
    const { code } = await driver.exited;
    expect(code, driver.log().slice(-4000)).toBe(0);
    expect(existsSync(join(driver.outDir, "outputs.pb"))).toBe(false);
    expect(toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(driver.outDir, "error.pb"))))).toEqual({
      // kind NON_RECOVERABLE is the enum's zero value, which proto JSON leaves out.
      error: { code: "NonRecoverableError", message: 'the text has no words: "?! 42 ..."', origin: "USER" },
    });
  });

  it("SIGTERM to the driver's bridge is forwarded: a0 reports it in error.pb (retryable) and the driver exits 0", async () => {
    const marker = join(work, "sigterm-bridge.json");
    const driver = await submit("spark-driver-test.wait_for_stop", { literals: [{ name: "marker", value: str(marker) }] });
    const body = await waitFor("the body to run its query", () => (existsSync(marker) ? (JSON.parse(readFileSync(marker, "utf8")) as { answer: number; applicationId: string; pid: number }) : undefined), 240_000);
    const bridge = bridgeLine(driver.log());
    expect(body).toEqual({ answer: 42, applicationId: bridge.applicationId, pid: bridge.pid });
    const bridgePid = Number(readFileSync(`/proc/${bridge.pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    process.kill(bridgePid, "SIGTERM");
    const { code } = await driver.exited;
    // a0 ends a task stopped from outside with error.pb and exit 0 (docs/runtime.md); the bridge passes its code on.
    expect(code, driver.log().slice(-4000)).toBe(0);
    expect(alive(bridge.pid)).toBe(false);
    expect(driver.log()).toContain("[flyte-ts spark driver] a0 exited with 0");
    expect(toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(driver.outDir, "error.pb"))))).toEqual({
      error: { code: "TERMINATED", message: "the process received SIGTERM (the pod is being stopped: deleted, preempted or evicted) before the task finished", kind: "RECOVERABLE", origin: "SYSTEM" },
    });
  });

  it("a killed driver JVM takes a0 with it", async () => {
    const marker = join(work, "sigterm-jvm.json");
    const driver = await submit("spark-driver-test.wait_for_stop", { literals: [{ name: "marker", value: str(marker) }] });
    await waitFor("the body to run its query", () => existsSync(marker) || undefined, 240_000);
    const { pid } = bridgeLine(driver.log());
    driver.child.kill("SIGTERM");
    const exit = await driver.exited;
    expect(exit.code === 143 || exit.signal === "SIGTERM", JSON.stringify(exit)).toBe(true);
    // The bridge notices that its parent is gone and stops a0 (its own log went with the JVM).
    await waitFor("a0 to stop", () => !alive(pid) || undefined, 15_000);
  });
});
