// A local Spark Connect server never outlives the process that started it, even when that process is killed
// with SIGKILL (no exit hook runs then): the server's watchdog sees its stdin pipe close and stops the group.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const python = resolve(root, ".engines/spark/venv/bin/python");
const local = pathToFileURL(resolve(import.meta.dirname, "../dist/local/index.js")).href;

const alive = (pid: number): boolean => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};
const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => (socket.destroy(), done(false)));
  });

it("the server stops when the process that started it is killed with SIGKILL", { timeout: 300_000 }, async () => {
  const script = [
    `import { startLocalSparkConnect } from ${JSON.stringify(local)};`,
    `const s = await startLocalSparkConnect({ python: ${JSON.stringify(python)}, master: "local[1]", conf: { "spark.driver.memory": "512m" }, timeoutMs: 240000 });`,
    `process.stdout.write(JSON.stringify({ pid: s.pid, port: s.port }) + "\\n");`,
    `setInterval(() => undefined, 1000);`,
  ].join("\n");
  const owner = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const started = await new Promise<{ pid: number; port: number }>((done, fail) => {
    let out = "";
    owner.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n")) done(JSON.parse(out.split("\n")[0]!));
    });
    owner.once("exit", (code) => fail(new Error(`the owner exited with ${code} before the server started`)));
  });
  expect([alive(started.pid), await portOpen(started.port)]).toEqual([true, true]);

  owner.kill("SIGKILL");
  const deadline = Date.now() + 60_000;
  while ((alive(started.pid) || (await portOpen(started.port))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const left = [alive(started.pid), await portOpen(started.port)];
  if (left.some(Boolean)) {
    try {
      process.kill(-started.pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  expect(left).toEqual([false, false]);
});
