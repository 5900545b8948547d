// The Jobs client against the run's local Ray cluster (global setup): a job with an uploaded working
// directory (code only), its logs and status, a failing job, a job outliving a wait timeout and stopped,
// and the list of jobs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { RayJobsClient, packageWorkingDir } from "@flyte-ts/plugin-ray";

const cluster = inject("ray");
const client = new RayJobsClient(cluster.dashboardUrl);
const id = (name: string) => `${name}-${process.pid}-${Date.now()}`;

describe("RayJobsClient on a local Ray cluster", () => {
  const dir = mkdtempSync(join(tmpdir(), "ray-jobs-wd-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("submits a job whose working directory is uploaded without node_modules or credentials, and reads its logs", async () => {
    writeFileSync(join(dir, "show.py"), [
      "import json, os",
      "files = sorted(os.path.relpath(os.path.join(d, f), '.') for d, _, fs in os.walk('.') for f in fs)",
      "print(json.dumps({'files': files, 'tag': os.environ.get('JOB_TAG'), 'data': open('sub/data.txt').read()}))",
    ].join("\n"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "data.txt"), "hello");
    mkdirSync(join(dir, "node_modules", "left-pad"), { recursive: true });
    writeFileSync(join(dir, "node_modules", "left-pad", "index.js"), "module.exports = 1;\n".repeat(10_000));
    writeFileSync(join(dir, ".env"), "TOKEN=secret\n");
    writeFileSync(join(dir, "id_rsa"), "key\n");
    expect(packageWorkingDir(dir).files).toEqual(["show.py", "sub/data.txt"]);

    const submissionId = id("wd");
    const phases: string[] = [];
    expect(await client.submit({
      entrypoint: `${cluster.python} show.py`, submissionId, workingDir: dir, envVars: { JOB_TAG: "t1" },
      metadata: { owner: "flyte-ts" }, entrypointNumCpus: 1, entrypointMemory: 50 * 1024 * 1024,
    })).toBe(submissionId);
    const details = await client.wait(submissionId, { log: (line) => phases.push(line), pollMs: 300 });
    expect(details.status).toBe("SUCCEEDED");
    expect(details.metadata).toEqual({ owner: "flyte-ts" });
    expect(details.entrypoint).toBe(`${cluster.python} show.py`);
    expect(details.runtime_env).toMatchObject({ working_dir: packageWorkingDir(dir).uri, env_vars: { JOB_TAG: "t1" } });
    expect(phases.at(-1)).toBe(`ray job ${submissionId}: SUCCEEDED (Job finished successfully.)`);
    expect(new Set(phases.map((p) => p.split(": ")[1]!.split(" ")[0]))).toSatisfy((s: Set<string>) => [...s].every((p) => ["PENDING", "RUNNING", "SUCCEEDED"].includes(p)));
    const logs = await client.logs(submissionId);
    expect(JSON.parse(logs.trim().split("\n").at(-1)!)).toEqual({ files: ["show.py", "sub/data.txt"], tag: "t1", data: "hello" });
  });

  it("uploads a package once: a second job with the same files reuses it", async () => {
    const uri = await client.uploadWorkingDir(dir);
    expect(await client.uploadWorkingDir(dir)).toBe(uri);
    expect(uri).toMatch(/^gcs:\/\/_ray_pkg_[0-9a-f]{32}\.zip$/);
  });

  it("reports a failing job with its exit code, and run() fails with it", async () => {
    const submissionId = id("fail");
    await client.submit({ entrypoint: `${cluster.python} -c "import sys; print('about to fail'); sys.exit(3)"`, submissionId });
    const details = await client.wait(submissionId, { log: () => {}, pollMs: 300 });
    expect(details.status).toBe("FAILED");
    expect(details.driver_exit_code).toBe(3);
    expect(details.message).toContain("exit code 3");
    // Ray's own lines ("Runtime env is setting up.", "Running entrypoint …") come first.
    expect((await client.logs(submissionId)).trim().split("\n").at(-1)).toBe("about to fail");
    const followed: string[] = [];
    await expect(client.run({ entrypoint: `${cluster.python} -c "print('x'); raise SystemExit(4)"`, submissionId: id("run-fail") }, (c) => followed.push(c))).rejects.toThrow(
      /^Ray job run-fail-\d+-\d+ FAILED: Job entrypoint command failed with exit code 4/,
    );
    expect(followed.join("").trim().split("\n").at(-1)).toBe("x");
  });

  it("a job that outlives a wait timeout keeps running until stopped", async () => {
    const submissionId = id("long");
    await client.submit({ entrypoint: `${cluster.python} -c "import time; print('started', flush=True); time.sleep(600)"`, submissionId });
    await expect(client.wait(submissionId, { timeoutMs: 3000, pollMs: 300, log: () => {} })).rejects.toThrow(
      new RegExp(`^Ray job ${submissionId} is still (PENDING|RUNNING) after 3000 ms \\(it keeps running; stop it with stop\\(\\)\\)$`),
    );
    expect(["PENDING", "RUNNING"]).toContain((await client.status(submissionId)).status);
    expect(await client.stop(submissionId)).toBe(true);
    expect((await client.wait(submissionId, { log: () => {}, pollMs: 300 })).status).toBe("STOPPED");
    expect(await client.stop(submissionId)).toBe(false);
  });

  it("lists the jobs it submitted and refuses a duplicate submission id", async () => {
    const submissionId = id("listed");
    await client.submit({ entrypoint: "echo listed", submissionId });
    expect((await client.list()).map((job) => job.submission_id)).toContain(submissionId);
    await expect(client.submit({ entrypoint: "echo again", submissionId })).rejects.toThrow(/^Ray Jobs API POST \/api\/jobs\/ answered (400|500): .*already exists/s);
    await client.wait(submissionId, { log: () => {} });
  });

  it("answers an unknown job with a clear error", async () => {
    await expect(client.status("no-such-job")).rejects.toThrow(/^Ray Jobs API GET \/api\/jobs\/no-such-job answered 404: /);
  });
});
