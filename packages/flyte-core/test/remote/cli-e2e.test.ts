import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeControlPlane, type FakeControlPlane } from "../control-plane/fake-control-plane.ts";

// The built CLI (`pnpm build` first) against the fake control plane, whose executor runs each run's root
// action through the real built a0 from the inline (or deployed) TaskSpec and the uploaded code bundle.
const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const cli = join(pkgDir, "bin", "flyte-ts.js");
const module = "test/remote/project/tasks.ts";
// Run names as the OSS server makes them: "r" and 19 of k8s' rand.String alphabet (lower-case, no vowels).
const RUN = "r[bcdfghjklmnpqrstvwxz2456789]{19}";

let fake: FakeControlPlane;
let dir: string;

interface Result { code: number | null; stdout: string; stderr: string }
function flyteTs(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: pkgDir,
      // A home without config files, so that nothing on this machine is read.
      env: { PATH: process.env.PATH ?? "", HOME: join(dir, "home"), FLYTE_TS_TOKEN_CACHE_DIR: join(dir, "tokens"), ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}
const at = () => ["--endpoint", fake.url, "--insecure", "--project", "flytesnacks", "--domain", "development", "--root-dir", "test/remote/project"];
const scope = () => ["--endpoint", fake.url, "--insecure", "--project", "flytesnacks", "--domain", "development"];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "remote-e2e-"));
  fake = await startFakeControlPlane({ storageDir: join(dir, "store"), runs: true });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("flyte-ts deploy / run --remote / runs against the fake control plane (real a0)", { timeout: 120_000 }, () => {
  let version = "";

  it("deploy prints a summary table of every task deployed at one version", async () => {
    const r = await flyteTs(["deploy", module, ...at()]);
    expect(r.stderr).toContain("flyte-ts: uploading code bundle: 100% of");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    version = lines[2]!.split(/\s+/)[1]!;
    expect(version).toMatch(/^[0-9a-f]{20}$/);
    expect(lines.slice(0, 6)).toEqual([
      "task                 version               status",
      "-------------------  --------------------  --------",
      `remote_demo.add      ${version}  deployed`,
      `remote_demo.greet    ${version}  deployed`,
      `remote_demo.explode  ${version}  deployed`,
      `remote_demo.sleepy   ${version}  deployed`,
    ]);
    expect(lines[6]).toMatch(/^4 task\(s\) in flytesnacks\/development, code bundle file:\/\/.*\/uploads\/flytesnacks\/development\/[A-Z2-7]{26}======\/fast[0-9a-f]+\.tar\.gz$/);
    const dry = await flyteTs(["deploy", module, ...at(), "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`remote_demo.add      ${version}  planned`);
  });

  it("run --remote --wait prints the task's real outputs as JSON; phases on stderr", async () => {
    const r = await flyteTs(["run", "--remote", module, "add", "--input", "a=40", "--input", "b=2", "--wait", ...at()]);
    expect([r.code, r.stdout]).toEqual([0, "42\n"]);
    const name = r.stderr.match(new RegExp(`started run (${RUN}) of remote_demo\\.add: (\\S+)`))!;
    expect(name[2]).toBe(`${fake.url}/v2/domain/development/project/flytesnacks/runs/${name[1]}`);
    expect(r.stderr).toContain(`run ${name[1]}: RUNNING (attempt 1)`);
    expect(r.stderr).toContain(`run ${name[1]}: SUCCEEDED (attempt 1)`);
    // The fake closes the watch when the attempt ends, before the phase follows, as the OSS server does: not an interruption.
    expect(r.stderr).not.toContain("interrupted");
    const greet = await flyteTs(["run", "--remote", module, "greet", "--inputs-json", '{"name": "flyte"}', "--wait", ...at()]);
    expect([greet.code, greet.stdout]).toEqual([0, `${JSON.stringify({ greeting: "hello flyte", length: 5 }, null, 2)}\n`]);
  });

  it("a failing body exits non-zero with the error text", async () => {
    const r = await flyteTs(["run", "--remote", module, "explode", "--input", "why=boom", "--wait", ...at()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`error \\[RUN_FAILED\\]: run ${RUN} of remote_demo\\.explode ended FAILED: USER error: .*body failed: boom`));
  });

  it("--deployed runs the deployed task by id; inputs go inline when UploadInputs is unimplemented", async () => {
    fake.behaviour.uploadInputsUnimplemented = true;
    try {
      const r = await flyteTs(["run", "--remote", module, "add", "--input", "a=1", "--deployed", version, "--wait", "--json", ...scope()]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("sending them inline");
      const out = JSON.parse(r.stdout) as { name: string; phase: string; outputs: number };
      expect([out.phase, out.outputs]).toEqual(["SUCCEEDED", 2]);
      expect(fake.store!.get(out.name, "a0")!.taskId?.version).toBe(version);
      // As the OSS server: the input URI is the run's inputs folder, holding the inputs.pb the backend wrote.
      expect(fake.store!.get(out.name, "a0")!.inputUri).toMatch(new RegExp(`^file://.*/runs/flytesnacks/development/${out.name}/inputs$`));
    } finally {
      fake.behaviour.uploadInputsUnimplemented = false;
    }
  });

  it("a watch stream that ends before a terminal phase is re-subscribed", async () => {
    fake.behaviour.watchEndsEarly = 2;
    const r = await flyteTs(["run", "--remote", module, "add", "--input", "a=5", "--wait", ...at()]);
    expect([r.code, r.stdout]).toEqual([0, "6\n"]);
    expect(r.stderr).toContain("interrupted (the stream ended before the run finished); reconnecting");
    expect(fake.behaviour.watchEndsEarly).toBe(0);
  });

  it("runs get / logs / abort, with JSON for scripts", async () => {
    const done = await flyteTs(["run", "--remote", module, "add", "--input", "a=2", "--input", "b=3", "--wait", "--json", ...at()]);
    const name = (JSON.parse(done.stdout) as { name: string }).name;
    const got = await flyteTs(["runs", "get", name, "--json", ...scope()]);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toEqual({
      org: "", project: "flytesnacks", domain: "development", name, url: `${fake.url}/v2/domain/development/project/flytesnacks/runs/${name}`,
      phase: "SUCCEEDED", attempts: 1, error: null, outputs: { o0: { scalar: { primitive: { integer: "5" } } } },
    });
    const logs = await flyteTs(["runs", "logs", name, "--follow", ...scope()]);
    expect(logs.code).toBe(0);
    expect(logs.stdout.split("\n")).toContain("adding 2 and 3");
    // Without --follow, logs that are not there are waited for (not cut by the one-second idle limit), then reported.
    const none = await flyteTs(["runs", "logs", name, "--attempt", "2", ...scope()]);
    expect([none.code, none.stdout]).toEqual([1, ""]);
    expect(none.stderr).toBe(
      `error [NOT_FOUND]: run ${name} has no logs for attempt 2 (server said: no event found for action a0 of run ${name} attempt 2; asked 5 times, 2000 ms apart): ` +
        `the attempt has not started on a cluster yet, or the control plane keeps no log context for it. Check its phase with \`flyte-ts runs get ${name}\`.\n`,
    );

    const started = await flyteTs(["run", "--remote", module, "sleepy", "--input", "seconds=60", ...at()]);
    expect(started.code).toBe(0);
    const [sleepyName, url] = started.stdout.trimEnd().split("\n");
    expect(url).toBe(`${fake.url}/v2/domain/development/project/flytesnacks/runs/${sleepyName}`);
    const following = flyteTs(["run", "--remote", module, "sleepy", "--input", "seconds=60", "--name", sleepyName!, "--wait", ...at()]);
    for (let i = 0; i < 200 && !fake.executor!.logs(sleepyName!, "a0").some((l) => l.stdout.includes("sleeping")); i++) await new Promise((r) => setTimeout(r, 100));
    const aborted = await flyteTs(["runs", "abort", sleepyName!, "--reason", "test abort", ...scope()]);
    expect([aborted.code, aborted.stderr]).toEqual([0, `flyte-ts: asked the control plane to abort run ${sleepyName}\n`]);
    const waited = await following; // the same name returns the existing run, which ends ABORTED
    expect(waited.code).toBe(1);
    expect(waited.stderr).toContain(`run ${sleepyName} of remote_demo.sleepy ended ABORTED: aborted: test abort`);
    const after = JSON.parse((await flyteTs(["runs", "get", sleepyName!, "--json", ...scope()])).stdout) as { phase: string; error: unknown };
    expect([after.phase, after.error]).toEqual(["ABORTED", { kind: "ABORT", message: "test abort" }]);
    const missing = await flyteTs(["runs", "get", "rdoesnotexist", ...scope()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error [NOT_FOUND]: reading run rdoesnotexist: not found (server said: run not found: flytesnacks/development/rdoesnotexist)");
  });

  it("errors before anything is sent: bad inputs, no endpoint, both --local and --remote", async () => {
    const bad = await flyteTs(["run", "--remote", module, "add", "--input", "a=x", "--wait", ...at()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("error [INVALID_INPUT]: Invalid inputs of remote_demo.add (1 problem):\n  - inputs.a:");
    const none = await flyteTs(["run", "--remote", module, "add", "--input", "a=1", "--project", "p", "--domain", "d"]);
    expect(none.stderr).toBe(
      "error [REMOTE_CONFIG]: no control plane configured: pass --endpoint, set admin.endpoint in ~/.flyte/config.yaml (or ./.flyte/config.yaml), or FLYTE_ADMIN_ENDPOINT\n",
    );
    const both = await flyteTs(["run", "--local", "--remote", module, "add", "--input", "a=1"]);
    expect(both.stderr).toContain("pass exactly one of --local (in this process) and --remote (on the control plane)");
  });
});

describe("the root entry point never loads the remote client", () => {
  it("no module reachable from dist/index.js imports @connectrpc", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/from\s*["']@connectrpc/);
      for (const m of text.matchAll(/(?:from\s*|import\()\s*["'](\.\.?\/[^"']+)["']/g)) {
        const dep = join(dirname(file), m[1]!);
        if (existsSync(dep)) visit(dep);
      }
    };
    visit(join(pkgDir, "dist", "index.js"));
    expect(seen.size).toBeGreaterThan(1);
    expect(readdirSync(join(pkgDir, "dist", "remote"))).toContain("index.js");
  });
});
