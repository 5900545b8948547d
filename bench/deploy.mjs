// Deploy of N tasks, flyte-ts (ts-deploy.ts) and the Python SDK (py_deploy.py), each against its own fresh
// loopback fake control plane served from another process (serve-fake-control-plane.ts). Prints JSON:
// { ts: {firstMs, againMs, deployCalls}, py: {...} | {error} }. Usage: node deploy.mjs [N] [--python PATH]
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

const here = import.meta.dirname;
const n = Number(process.argv[2] ?? 100);
const pythonAt = process.argv.indexOf("--python");
const python = pythonAt > 0 ? process.argv[pythonAt + 1] : undefined;

/** Runs the client with the fake's URL as its last argument; its JSON plus the DeployTask calls the fake answered. */
async function againstFake(cmd, args) {
  const fake = spawn(process.execPath, ["--import", "tsx", "serve-fake-control-plane.ts"], { cwd: here, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: fake.stdout })[Symbol.asyncIterator]();
  const { url } = JSON.parse((await lines.next()).value);
  try {
    const r = spawnSync(cmd, [...args, url], { cwd: here, encoding: "utf8", maxBuffer: 1 << 26 });
    fake.stdin.end();
    const { deployCalls } = JSON.parse((await lines.next()).value);
    if (r.status !== 0) return { error: `${cmd} exited ${r.status}: ${(r.stderr || r.stdout).trim().split("\n").slice(-5).join(" | ")}` };
    return { ...JSON.parse(r.stdout.trim().split("\n").at(-1)), deployCalls };
  } finally {
    fake.kill();
  }
}

const ts = await againstFake(process.execPath, ["--import", "tsx", "ts-deploy.ts", String(n)]);
const py = python ? await againstFake(python, ["py_deploy.py", String(n)]) : undefined;
console.log(JSON.stringify({ tasks: n, ts, py }));
