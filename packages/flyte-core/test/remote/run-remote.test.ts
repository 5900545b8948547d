import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { Code, type ConnectError } from "@connectrpc/connect";
import type { ConfigError } from "../../src/errors.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlyteRemote, RemoteError, runRemote, uploadFile, type RunState } from "../../src/remote/index.ts";
import { startFakeControlPlane, type FakeControlPlane } from "../control-plane/fake-control-plane.ts";
import { add, explode, greet, sleepy } from "./project/tasks.ts";

// The programmatic API in this process; the fake's executor runs each run through the real built a0.
const projectDir = join(import.meta.dirname, "project");
let fake: FakeControlPlane;
let dir: string;
const remote = () => new FlyteRemote({ endpoint: fake.url, insecure: true, project: "flytesnacks", domain: "development", env: {}, transport: { backoffMs: 1 } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "run-remote-"));
  fake = await startFakeControlPlane({ storageDir: join(dir, "store"), runs: true, separateDataPlane: true });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("runRemote and its handle", { timeout: 120_000 }, () => {
  it("wait(), phases(), typed outputs() and logs() of a run", async () => {
    const handle = await runRemote(greet, { name: "ts" }, { remote: remote(), rootDir: projectDir });
    expect(handle.name).toMatch(/^r[bcdfghjklmnpqrstvwxz2456789]{19}$/); // as the OSS server names runs
    expect(handle.url).toBe(`${fake.url}/v2/domain/development/project/flytesnacks/runs/${handle.name}`);
    const seen: RunState[] = [];
    for await (const state of handle.phases({ backoffMs: 1 })) seen.push(state);
    expect(seen.at(-1)).toEqual({ phase: "SUCCEEDED", attempts: 1 });
    expect(seen.map((s) => s.phase)).toContain("RUNNING");
    const outputs: { greeting: string; length: number } = await handle.outputs();
    expect(outputs).toEqual({ greeting: "hello ts", length: 2 });
    expect(await handle.wait()).toEqual({ phase: "SUCCEEDED", attempts: 1 }); // a finished run: one message, then the end
    const added = await runRemote(add, { a: 7 }, { remote: remote(), rootDir: projectDir });
    expect((await added.wait()).phase).toBe("SUCCEEDED");
    const lines: string[] = [];
    for await (const line of added.logs()) lines.push(line);
    expect(lines).toContain("adding 7 and 1");
    expect(await added.outputs()).toBe(8);
  });

  it("a failed run: wait() reports the user error; outputs() says there are none", async () => {
    const handle = await runRemote(explode, { why: "kaput" }, { remote: remote(), rootDir: projectDir });
    const final = await handle.wait();
    expect(final.phase).toBe("FAILED");
    expect(final.error?.kind).toBe("USER");
    expect(final.error?.message).toContain("body failed: kaput");
    const err = (await handle.outputs().catch((e: unknown) => e)) as RemoteError;
    expect(err.code).toBe("RUN_FAILED");
    expect(err.message).toContain(`run ${handle.name} has no outputs: it is FAILED (USER: `);
  });

  it("abort() ends a running run as ABORTED", async () => {
    const handle = await runRemote(sleepy, { seconds: 60 }, { remote: remote(), rootDir: projectDir });
    for await (const state of handle.phases()) if (state.phase === "RUNNING") break;
    await handle.abort("no longer needed");
    expect(await handle.wait()).toEqual({ phase: "ABORTED", attempts: 1, error: { kind: "ABORT", message: "no longer needed" } });
  });

  it("the watch reconnects after transient UNAVAILABLE and gives up after maxFailures", async () => {
    const handle = await runRemote(add, { a: 1, b: 1 }, { remote: remote(), rootDir: projectDir });
    fake.faults.fail("WatchActionDetails", Code.Unavailable, 2);
    const reconnects: string[] = [];
    expect((await handle.wait({ backoffMs: 1, onReconnect: (r) => reconnects.push(r) })).phase).toBe("SUCCEEDED");
    expect(reconnects).toEqual(["[unavailable] injected Unavailable", "[unavailable] injected Unavailable"]);
    fake.faults.fail("WatchActionDetails", Code.Unavailable, 3);
    const err = (await handle.wait({ backoffMs: 1, maxFailures: 3 }).catch((e: unknown) => e)) as RemoteError;
    expect([err.code, err.rpc]).toEqual(["ENDPOINT", "flyteidl2.workflow.RunService/WatchActionDetails"]);
  });

  // Behaviours of the real OSS control plane (flyteorg/flyte v2.0.43, runs + dataproxy), which the fake reproduces.
  it("as the OSS server: the watch closes when the attempt ends, before the phase follows; the client asks again without a reconnect", async () => {
    const handle = await runRemote(add, { a: 20, b: 22 }, { remote: remote(), rootDir: projectDir });
    const before = fake.faults.calls.get("WatchActionDetails") ?? 0;
    const reconnects: string[] = [];
    const seen: RunState[] = [];
    for await (const state of handle.phases({ onReconnect: (r) => reconnects.push(r) })) seen.push(state);
    expect(seen.at(-1)).toEqual({ phase: "SUCCEEDED", attempts: 1 });
    expect(reconnects).toEqual([]);
    // The first stream ended on RUNNING with the attempt SUCCEEDED; the second one gave the final phase.
    expect((fake.faults.calls.get("WatchActionDetails") ?? 0) - before).toBe(2);
    expect(await handle.outputs()).toBe(42);
  });

  it("as the OSS server: inputs are offloaded to a folder named by their FNV-1a hash, and the run reads inputs.pb from it", async () => {
    const handle = await runRemote(add, { a: 40, b: 2 }, { remote: remote(), rootDir: projectDir });
    await handle.wait();
    // The same folder and hash the OSS server gave for these inputs (a=40, b=2).
    expect(fake.store!.get(handle.name, "a0")!.inputUri).toMatch(/^file:\/\/.*\/uploads\/flytesnacks\/development\/offloaded-inputs\/UnOET15LN_A$/);
    expect(await handle.outputs()).toBe(42);
  });

  it("as the OSS server: logs of an attempt without events are NOT_FOUND at once; after the retries the error says what it means", async () => {
    const handle = await runRemote(add, { a: 1 }, { remote: remote(), rootDir: projectDir });
    await handle.wait();
    const waits: number[] = [];
    const lines: string[] = [];
    const err = (await (async () => {
      for await (const line of handle.logs({ attempt: 3, retryDelayMs: 5, onWaiting: (ms) => waits.push(ms) })) lines.push(line);
    })().catch((e: unknown) => e)) as RemoteError;
    expect(lines).toEqual([]);
    expect(waits).toEqual([5, 5, 5, 5]);
    expect([err.code, err.rpc, err.status]).toEqual(["NOT_FOUND", "flyteidl2.dataproxy.DataProxyService/TailLogs", "not_found"]);
    expect(err.message).toBe(
      `run ${handle.name} has no logs for attempt 3 (server said: no event found for action a0 of run ${handle.name} attempt 3; asked 5 times, 5 ms apart): ` +
        `the attempt has not started on a cluster yet, or the control plane keeps no log context for it. Check its phase with \`flyte-ts runs get ${handle.name}\`.`,
    );
  });

  it("as the OSS server: a run of a version never deployed fails at UploadInputs (or at CreateRun, code unknown); the client says it is not deployed", async () => {
    const expected = (status: string) =>
      `task remote_demo.add version nosuchversion is not deployed in flytesnacks/development (server said: ${status === "not_found" ? "failed to get task: not_found: " : ""}` +
      "task not found: {flytesnacks development remote_demo.add nosuchversion}). Deploy it with `flyte-ts deploy`, or pass --deployed the version a deploy printed.";
    const err = (await runRemote(add, { a: 1 }, { remote: remote(), deployedVersion: "nosuchversion" }).catch((e: unknown) => e)) as RemoteError;
    expect([err.code, err.status, err.message]).toEqual(["NOT_FOUND", "not_found", expected("not_found")]);
    fake.behaviour.uploadInputsUnimplemented = true;
    try {
      const inline = (await runRemote(add, { a: 1 }, { remote: remote(), deployedVersion: "nosuchversion" }).catch((e: unknown) => e)) as RemoteError;
      expect([inline.code, inline.status, inline.message]).toEqual(["NOT_FOUND", "unknown", expected("unknown")]);
    } finally {
      fake.behaviour.uploadInputsUnimplemented = false;
    }
  });

  it("as the OSS server: a run name must be a DNS-1035 label of at most 30 characters; the client checks it before anything is sent", async () => {
    const before = fake.control.requests.length + fake.data.requests.length;
    for (const name of ["Bad_Name", "r0123456789012345678901234567890", "-x"]) {
      const err = (await runRemote(add, { a: 1 }, { remote: remote(), rootDir: projectDir, name }).catch((e: unknown) => e)) as ConfigError;
      expect([err.code, err.issues]).toEqual([
        "INVALID_INPUT",
        [{ path: ["name"], message: `${JSON.stringify(name)} is not a valid run name: at most 30 lower-case letters, digits and '-', starting with a letter and not ending with '-'` }],
      ]);
    }
    expect(fake.control.requests.length + fake.data.requests.length).toBe(before);
    // The fake refuses such names as the server does.
    const refused = (await remote().runs.createRun({ id: { case: "runId", value: { org: "", project: "flytesnacks", domain: "development", name: "Bad_Name" } } }).catch((e: unknown) => e)) as ConnectError;
    expect([refused.code, refused.rawMessage]).toEqual([Code.InvalidArgument, `invalid run name "Bad_Name": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character`]);
  });

  it("inputs are checked against the task's schema before anything is sent", async () => {
    const before = fake.control.requests.length;
    const err = (await runRemote(add, { a: 1.5 } as never, { remote: remote(), rootDir: projectDir }).catch((e: unknown) => e)) as RemoteError;
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.message).toMatch(/^Invalid inputs of remote_demo\.add \(1 problem\):\n {2}- inputs\.a: /);
    expect(fake.control.requests.length).toBe(before);
  });

  it("a hung upload fails at its idle timeout after bounded attempts, without leaking the signed URL's signature", async () => {
    fake.behaviour.hangUploads = true;
    try {
      const archive = join(dir, "blob.bin");
      (await import("node:fs")).writeFileSync(archive, Buffer.alloc(100_000, 7));
      const started = Date.now();
      const err = (await uploadFile(remote(), archive, { scope: { org: "", project: "flytesnacks", domain: "development" }, idleTimeoutMs: 300, maxAttempts: 2 }).catch((e: unknown) => e)) as RemoteError;
      expect(err.code).toBe("UPLOAD");
      expect(err.message).toBe(`uploading blob.bin (100000 bytes) to ${fake.dataUrl}/signed-upload/uploads/flytesnacks/development/${err.message.match(/development\/([A-Z2-7]+(?:%3D)*)\//)![1]}/blob.bin failed after 2 attempts: no progress for 300 ms (timed out)`);
      expect(err.message).not.toContain("X-Signature");
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      fake.behaviour.hangUploads = false;
    }
  });
});

describe("no token or secret in any output", { timeout: 120_000 }, () => {
  it("the CLI's stdout, stderr, errors, token cache names and the uploaded bundle never contain the client secret or a token", async () => {
    const secret = "very-secret-client-credential-42";
    const authed = await startFakeControlPlane({ storageDir: join(dir, "authed"), runs: true, clients: { app: secret }, behaviour: { requireAuth: true } });
    try {
      const apiKey = Buffer.from(`${authed.url}:app:${secret}:None`).toString("base64");
      const pkgDir = join(import.meta.dirname, "..", "..");
      const run = (args: string[], env: Record<string, string>) =>
        new Promise<string>((resolvePromise) => {
          const child = spawn(process.execPath, [join(pkgDir, "bin", "flyte-ts.js"), ...args], {
            cwd: pkgDir,
            env: { PATH: process.env.PATH ?? "", HOME: join(dir, "home"), FLYTE_TS_TOKEN_CACHE_DIR: join(dir, "tok"), FLYTE_TS_DEBUG: "1", ...env },
          });
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.stderr.on("data", (d: Buffer) => (out += d.toString()));
          child.on("close", (code) => resolvePromise(`exit ${code}\n${out}`));
        });
      const common = ["--project", "flytesnacks", "--domain", "development", "--root-dir", "test/remote/project"];
      const outputs = [
        await run(["deploy", "test/remote/project/tasks.ts", ...common], { FLYTE_API_KEY: apiKey }),
        await run(["run", "--remote", "test/remote/project/tasks.ts", "add", "--input", "a=1", "--wait", ...common], { FLYTE_API_KEY: apiKey }),
        await run(["run", "--remote", "test/remote/project/tasks.ts", "explode", "--input", "why=x", "--wait", ...common], { FLYTE_API_KEY: apiKey }),
        // Wrong secret, a refused static token, an unreadable API key:
        await run(["deploy", "test/remote/project/tasks.ts", ...common], { FLYTE_API_KEY: Buffer.from(`${authed.url}:app:${secret}-wrong:None`).toString("base64") }),
        await run(["deploy", "test/remote/project/tasks.ts", "--endpoint", authed.url, ...common], { FLYTE_TS_AUTH_TOKEN: `${secret}-as-token` }),
        await run(["deploy", "test/remote/project/tasks.ts", ...common], { FLYTE_API_KEY: Buffer.from(`x:${secret}`).toString("base64") }),
      ];
      expect(outputs[0]).toMatch(/^exit 0\n/);
      expect(outputs[1]).toMatch(/^exit 0\n/);
      expect(outputs[1]!.endsWith("\n2\n")).toBe(true);
      expect(outputs.slice(2).map((o) => o.split("\n")[0])).toEqual(["exit 1", "exit 1", "exit 1", "exit 1"]);
      const tokens = [...authed.state.validTokens];
      expect(tokens.length).toBeGreaterThan(0);
      const everything = [
        ...outputs,
        ...readdirSync(join(dir, "tok")),
        ...[...authed.state.objects.values()].map((p) => readFileSync(p).toString("latin1")),
      ].join("\n");
      for (const needle of [secret, apiKey, ...tokens]) expect(everything).not.toContain(needle);
      // The cache itself holds the token, readable by the owner only.
      for (const f of readdirSync(join(dir, "tok"))) expect(statSync(join(dir, "tok", f)).mode & 0o077).toBe(0);
    } finally {
      await authed.close();
    }
  });
});
