import { TaskEnvironment, run, type HookContext, type TaskContext } from "@flyte-ts/core";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Databricks, configureLocalRuns, databricksPlugin, resetLocalRuns, type DatabricksSettings } from "@flyte-ts/plugin-databricks";
import { type FakeJobsServer, type FakeRunState, startFakeJobsServer } from "@flyte-ts/plugin-databricks/testing";

const TOKEN = "dapi-local-run-secret-42";
let server: FakeJobsServer | undefined;
let log: string[] = [];
let envCount = 0;
afterEach(async () => {
  resetLocalRuns();
  await server?.close();
  server = undefined;
  log = [];
});

async function setUp(states?: FakeRunState[], env: Record<string, string> = {}) {
  server = await startFakeJobsServer({ token: TOKEN, states });
  configureLocalRuns({
    pollIntervalMs: 1,
    log: (line) => log.push(line),
    env: { DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN, ...env },
    connector: { backoffMs: 1 },
  });
  const environment = new TaskEnvironment({
    name: `databricks-local-${++envCount}`,
    image: "repo/etl:1",
    envVars: { STAGE: "test" },
    pluginConfig: new Databricks({ sparkConf: { "spark.sql.shuffle.partitions": "8" }, databricksConf: { run_name: "etl", new_cluster: { spark_version: "14.3.x", node_type_id: "m5.large", num_workers: 1 } } }),
  });
  const task = environment.task({ inputs: z.object({ day: z.string() }), output: z.unknown() }, async function etl({ day }) {
    return `local body ran for ${day}`;
  });
  return { server, task, name: task.taskName };
}

const messageOf = (err: unknown) => (err as Error).message;

/** Sends SIGINT `afterMs` after a log line starting with `prefix`; resolves with the time it was sent. */
function interruptWhenLogged(prefix: string, afterMs: number): Promise<number> {
  return new Promise((resolve) => {
    configureLocalRuns({
      log: (line) => {
        log.push(line);
        if (line.startsWith(prefix)) setTimeout(() => { resolve(Date.now()); process.emit("SIGINT" as never); }, afterMs);
      },
    });
  });
}

describe("local runs of Databricks tasks", () => {
  it("submit the reference connector's request, log each state change and return the final state", async () => {
    const { server, task, name } = await setUp();
    const result = await run(task, { day: "2026-01-01" });
    const page = `${server.url}/?o=1#job/77/run/1001`;
    expect(result).toEqual({ runId: "1001", state: "TERMINATED/SUCCESS", message: "", runPageUrl: page });
    expect(log).toEqual([
      `${name}: submitting a Databricks run to ${server.url}`,
      `${name}: Databricks run 1001: ${page}`,
      `${name}: Databricks run 1001 is PENDING (Waiting for cluster)`,
      `${name}: Databricks run 1001 is RUNNING`,
      `${name}: Databricks run 1001 is TERMINATED/SUCCESS`,
    ]);
    const body = server.runs.get("1001")!.body;
    expect(body).toMatchObject({
      run_name: "etl",
      new_cluster: {
        spark_version: "14.3.x", node_type_id: "m5.large", num_workers: 1,
        docker_image: { url: "repo/etl:1" }, spark_conf: { "spark.sql.shuffle.partitions": "8" }, spark_env_vars: { STAGE: "test" },
      },
      spark_python_task: { python_file: "/Workspace/Shared/flyte-ts/flyte_ts_entrypoint.py", source: "WORKSPACE", parameters: expect.arrayContaining(["a0", "--inputs", "{{.input}}", "task", name]) },
    });
    expect(JSON.stringify(log)).not.toContain(TOKEN);
  });

  it("fail with the final state's message when the run fails", async () => {
    const { task, name } = await setUp([{ life_cycle_state: "RUNNING" }, { life_cycle_state: "TERMINATED", result_state: "FAILED", state_message: "Task failed with error: ZeroDivisionError" }]);
    const error = await run(task, { day: "d" }).catch((err: unknown) => err);
    expect(messageOf(error)).toBe(`Failed to run the task ${name}: Databricks run 1001 ended TERMINATED/FAILED (FAILED): Task failed with error: ZeroDivisionError`);
    expect((error as { code: string }).code).toBe("EXECUTION");
  });

  it("fail as aborted when the run is cancelled in the workspace", async () => {
    const { task, name } = await setUp([{ life_cycle_state: "QUEUED", state_message: "Queued" }, { life_cycle_state: "TERMINATED", result_state: "CANCELED", state_message: "Run cancelled by alice" }]);
    await expect(run(task, { day: "d" })).rejects.toThrow(`Failed to run the task ${name}: Databricks run 1001 ended TERMINATED/CANCELED (ABORTED): Run cancelled by alice`);
    expect(log).toContain(`${name}: Databricks run 1001 is QUEUED (Queued)`);
  });

  it("cancel the remote run on Ctrl-C (SIGINT) and fail saying so", async () => {
    const { server, task, name } = await setUp([{ life_cycle_state: "RUNNING" }]);
    const listenersBefore = process.listenerCount("SIGINT");
    configureLocalRuns({
      log: (line) => {
        log.push(line);
        if (line.endsWith("is RUNNING")) setImmediate(() => process.emit("SIGINT" as never));
      },
    });
    await expect(run(task, { day: "d" })).rejects.toThrow(`Failed to run the task ${name}: interrupted (SIGINT); Databricks run 1001 was cancelled`);
    expect(log.at(-1)).toBe(`${name}: interrupted; cancelling Databricks run 1001`);
    expect(server.requests.filter((r) => r.path === "/api/2.1/jobs/runs/cancel").map((r) => r.body)).toEqual(['{"run_id":1001}']);
    expect(server.runs.get("1001")!.cancelled).toBe(true);
    expect(process.listenerCount("SIGINT")).toBe(listenersBefore);
  });

  it("act on Ctrl-C within a second while the submission is in flight, and cancel the run it created", async () => {
    const { task, name } = await setUp([{ life_cycle_state: "RUNNING" }]);
    server!.injectFaults("submit", { delayMs: 4000 });
    const started = interruptWhenLogged(`${name}: submitting`, 100);
    await expect(run(task, { day: "d" })).rejects.toThrow(`Failed to run the task ${name}: interrupted (SIGINT) while submitting; Databricks run 1001 was cancelled`);
    expect(Date.now() - (await started)).toBeLessThan(1000);
    expect(server!.runs.get("1001")!.cancelled).toBe(true);
    expect([...server!.runs.keys()]).toEqual(["1001"]);
  });

  it("act on Ctrl-C within a second during a retry wait, creating no run when none was made", async () => {
    const { task, name } = await setUp();
    server!.injectFaults("submit", { status: 429, retryAfterSeconds: 30 });
    configureLocalRuns({ connector: { backoffMs: 1, maxBackoffMs: 60_000, onRetry: () => setImmediate(() => process.emit("SIGINT" as never)) } });
    const started = Date.now();
    await expect(run(task, { day: "d" })).rejects.toThrow(`Failed to run the task ${name}: interrupted (SIGINT) while submitting; no Databricks run was created`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server!.runs.size).toBe(0);
    expect(server!.requests.filter((r) => r.path.endsWith("/runs/submit"))).toHaveLength(1);
  });

  it("act on Ctrl-C within a second while a poll waits to be retried, and cancel the run", async () => {
    const { task, name } = await setUp([{ life_cycle_state: "RUNNING" }]);
    server!.injectFaults("get", { status: 503, retryAfterSeconds: 30 });
    configureLocalRuns({ connector: { backoffMs: 1, maxBackoffMs: 60_000, onRetry: () => setImmediate(() => process.emit("SIGINT" as never)) } });
    const started = Date.now();
    await expect(run(task, { day: "d" })).rejects.toThrow(`Failed to run the task ${name}: interrupted (SIGINT); Databricks run 1001 was cancelled`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server!.runs.get("1001")!.cancelled).toBe(true);
  });

  it("cancel the remote run before giving up when it can no longer be followed", async () => {
    const { task, name } = await setUp([{ life_cycle_state: "RUNNING" }]);
    server!.injectFaults("get", { status: 500 }, { status: 500 });
    configureLocalRuns({ connector: { backoffMs: 1, maxAttempts: 2 } });
    await expect(run(task, { day: "d" })).rejects.toThrow(
      `Failed to run the task ${name}: could not follow Databricks run 1001 (Databricks GET /api/2.1/jobs/runs/get failed after 2 attempts: HTTP 500: TEMPORARILY_UNAVAILABLE: fault 500); it was cancelled`,
    );
    expect(log.at(-1)).toBe(`${name}: cannot follow Databricks run 1001; cancelling it`);
    expect(server!.runs.get("1001")!.cancelled).toBe(true);
  });

  it("cancel the remote run when the task's timeout expires, then fail with TIMEOUT", async () => {
    const { server } = await setUp([{ life_cycle_state: "RUNNING" }]);
    const env = new TaskEnvironment({
      name: `databricks-local-${++envCount}`,
      image: "repo/etl:1",
      pluginConfig: new Databricks({ databricksConf: { existing_cluster_id: "0101" } }),
    });
    const task = env.task({ timeout: "300ms" }, async function slowJob() { return undefined; });
    configureLocalRuns({ pollIntervalMs: 20 });
    await expect(run(task)).rejects.toThrowError(expect.objectContaining({
      code: "TIMEOUT", message: `${task.taskName} ran longer than its timeout (maxRuntime 0.3s) and was stopped`,
    }));
    expect(log.at(-1)).toBe(`${task.taskName}: timed out; cancelling Databricks run 1001`);
    expect(server.runs.get("1001")!.cancelled).toBe(true);
  });

  it("read the token from the secret named in the config, and fail naming the variable when it is missing", async () => {
    const { server } = await setUp();
    const env = new TaskEnvironment({
      name: `databricks-local-${++envCount}`,
      image: "repo/etl:1",
      pluginConfig: new Databricks({ databricksToken: "TEAM_DATABRICKS_PAT", databricksConf: { existing_cluster_id: "0101" } }),
    });
    const task = env.task(async function job() { return 1; });
    await expect(run(task)).rejects.toThrow("Secret TEAM_DATABRICKS_PAT not found in environment: set $TEAM_DATABRICKS_PAT to the Databricks access token.");
    expect(server.requests).toEqual([]);
    configureLocalRuns({ env: { DATABRICKS_HOST: server.url, TEAM_DATABRICKS_PAT: TOKEN } });
    await expect(run(task)).resolves.toMatchObject({ runId: "1001", state: "TERMINATED/SUCCESS" });
  });

  it("fail without a workspace or a token, naming where to set them", async () => {
    const { task } = await setUp();
    configureLocalRuns({ env: { DATABRICKS_TOKEN: TOKEN } });
    await expect(run(task, { day: "d" })).rejects.toThrow("Missing databricks instance. Please set the value through the task config (databricksInstance) or set the FLYTE_DATABRICKS_INSTANCE or DATABRICKS_HOST environment variable.");
    configureLocalRuns({ env: { DATABRICKS_HOST: server!.url } });
    await expect(run(task, { day: "d" })).rejects.toThrow("No Databricks token: set databricksToken to the name of the secret holding it, or set $DATABRICKS_TOKEN.");
  });

  it("redact the token and URL credentials echoed back in the run's state message", async () => {
    const echoed = `Request with ${TOKEN} refused; see https://svc:hunter22@proxy.example.com/log?token=abc123`;
    const { task, name } = await setUp([{ life_cycle_state: "RUNNING", state_message: echoed }, { life_cycle_state: "TERMINATED", result_state: "FAILED", state_message: echoed }]);
    const error = await run(task, { day: "d" }).catch((err: unknown) => err);
    const redacted = "Request with [REDACTED] refused; see https://[REDACTED]@proxy.example.com/log?token=[REDACTED]";
    expect(messageOf(error)).toBe(`Failed to run the task ${name}: Databricks run 1001 ended TERMINATED/FAILED (FAILED): ${redacted}`);
    expect(log).toContain(`${name}: Databricks run 1001 is RUNNING (${redacted})`);
    expect(JSON.stringify([messageOf(error), log])).not.toMatch(/local-run-secret|hunter22|abc123/);
  });

  it("keep the token out of errors when the workspace refuses it", async () => {
    const { task } = await setUp(undefined, { DATABRICKS_TOKEN: `${TOKEN}-revoked` });
    const error = await run(task, { day: "d" }).catch((err: unknown) => err);
    expect(messageOf(error)).toBe("Databricks POST /api/2.1/jobs/runs/submit failed with HTTP 403: PERMISSION_DENIED: Invalid access token.");
    expect(JSON.stringify([messageOf(error), (error as Error).stack, log])).not.toContain(TOKEN);
  });

  it("in the cluster (inside the Databricks job) run the body as any task does", async () => {
    const context = { mode: "remote", isInCluster: () => true } as unknown as TaskContext;
    const hook = { context, config: {} as DatabricksSettings } as HookContext<DatabricksSettings>;
    await expect(databricksPlugin.execute!(hook as never, async () => "body output")).resolves.toBe("body output");
  });
});
