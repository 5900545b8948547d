import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { connect as tcpConnect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SparkSession } from "../sql/session.ts";
import { findSpark, type FindSparkOptions, type FoundSpark } from "./find-spark.ts";
import { LocalSparkError } from "./local-spark-error.ts";

/** Options of {@link startLocalSparkConnect}. */
export interface LocalSparkConnectOptions extends FindSparkOptions {
  /**
   * The Spark master.
   *
   * Validation: a non-empty string without whitespace (e.g. `local[2]`, `spark://host:7077`).
   *
   * @defaultValue `"local[*]"`
   */
  master?: string;
  /**
   * Spark configuration passed as `--conf key=value`. The server's binding (`spark.connect.grpc.binding.*`)
   * is set by this function and cannot be overridden.
   *
   * Validation: keys are non-empty and contain no `=`; values are strings.
   *
   * @defaultValue `{}`
   */
  conf?: Record<string, string>;
  /**
   * How long to wait for the server to answer, in milliseconds.
   *
   * Validation: a positive number.
   *
   * @defaultValue `180000`
   */
  timeoutMs?: number;
  /**
   * Receives the server's log lines (spark-submit's stdout and stderr) through pipes: Node's event loop must
   * keep running (no long synchronous work) or the server blocks on a full pipe. By default the log goes to
   * a file (`logFile` of the result) and its last lines are shown in the error when the start fails.
   *
   * Validation: a function.
   *
   * @defaultValue `undefined`
   */
  onLog?: (line: string) => void;
  /**
   * Aborts the start: the server process is stopped and the promise rejects with the signal's reason.
   *
   * Validation: an AbortSignal.
   *
   * @defaultValue `undefined`
   */
  signal?: AbortSignal;
}

/** A running local Spark Connect server. */
export interface LocalSparkConnect {
  /** The `sc://127.0.0.1:<port>` URL to pass to `SparkSession.connect` (from `@flyte-ts/spark-connect`). */
  url: string;
  /** The port the server listens on (loopback only). */
  port: number;
  /** The Spark that runs it. */
  spark: FoundSpark;
  /** The id of the server's process group (its leader runs spark-submit; `process.kill(-pid, …)` reaches it all). */
  pid: number;
  /** The server's log file (when no `onLog` was given). */
  logFile: string | undefined;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s), removes its log file, and resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

const SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";

// spark-submit runs under this small shell, the leader of the server's process group. Its stdin is a pipe
// whose only writer is this process: a background reader sees EOF when this process is gone, however it ended
// (SIGKILL and unhandled signals included, where no exit hook runs), and stops the whole group. When the
// server ends first, the reader is stopped and the shell exits with the server's status.
const WATCHDOG = 'exec 3<&0 0</dev/null; "$@" & server=$!; (read -r _ <&3; kill -TERM 0) & watcher=$!; wait "$server"; status=$?; kill "$watcher" 2>/dev/null; exit "$status"';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function validate(options: LocalSparkConnectOptions): void {
  if (options.master !== undefined && (typeof options.master !== "string" || !/^\S+$/.test(options.master))) {
    throw new LocalSparkError("INVALID_OPTION", `master: must be a non-empty string without whitespace (e.g. "local[*]"), got ${JSON.stringify(options.master)}`);
  }
  for (const [key, value] of Object.entries(options.conf ?? {})) {
    if (key === "" || key.includes("=")) throw new LocalSparkError("INVALID_OPTION", `conf: key ${JSON.stringify(key)} must be non-empty and contain no "="`);
    if (typeof value !== "string") throw new LocalSparkError("INVALID_OPTION", `conf.${key}: must be a string, got ${typeof value}`);
  }
  if (options.timeoutMs !== undefined && !(typeof options.timeoutMs === "number" && options.timeoutMs > 0)) {
    throw new LocalSparkError("INVALID_OPTION", `timeoutMs: must be a positive number of milliseconds, got ${String(options.timeoutMs)}`);
  }
}

// Servers still running when Node exits are killed with it (process groups: the JVM is a grandchild).
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) killGroup(child, "SIGKILL");
  });
}

/**
 * Starts a Spark Connect server from a Spark found on this machine ({@link findSpark}): spark-submit runs
 * `SparkConnectServer` on `local[*]` (or `master`) with `conf`, bound to 127.0.0.1 on a free port. Resolves
 * once the server answers a request (typically 5–15 s). The server is stopped by `stop()`, and when this
 * process ends in any way (a crash or SIGKILL included).
 * @throws {@link LocalSparkError} naming what to install when no Spark or Java is found, or when the server fails to start.
 */
export async function startLocalSparkConnect(options: LocalSparkConnectOptions = {}): Promise<LocalSparkConnect> {
  validate(options);
  options.signal?.throwIfAborted();
  const spark = await findSpark(options);
  const timeoutMs = options.timeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  // A free port can be taken between probing and binding by another process: retry with a new one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const conf: Record<string, string> = {
      "spark.ui.enabled": "false",
      "spark.driver.host": "127.0.0.1",
      "spark.driver.bindAddress": "127.0.0.1",
      ...options.conf,
      "spark.connect.grpc.binding.address": "127.0.0.1",
      "spark.connect.grpc.binding.port": String(port),
    };
    const args = ["--master", options.master ?? "local[*]", "--class", SERVER_CLASS, "--name", "Spark Connect server (flyte-ts)"];
    for (const [k, v] of Object.entries(conf)) args.push("--conf", `${k}=${v}`);
    const javaHome = process.env.JAVA_HOME;
    // The server's output goes to a file by default: a pipe would fill up (and block the JVM) whenever this
    // process stops reading, e.g. during a synchronous child process.
    const logFile = options.onLog ? undefined : join(mkdtempSync(join(tmpdir(), "spark-connect-server-")), "server.log");
    const logFd = logFile ? openSync(logFile, "a") : undefined;
    const child = spawn("/bin/sh", ["-c", WATCHDOG, "flyte-ts-spark-connect", spark.sparkSubmit, ...args], {
      detached: true,
      stdio: logFd === undefined ? ["pipe", "pipe", "pipe"] : ["pipe", logFd, logFd],
      env: { ...process.env, SPARK_HOME: spark.sparkHome, ...(javaHome ? { JAVA_HOME: javaHome } : {}), SPARK_NO_DAEMONIZE: "1" },
    });
    child.stdin?.on("error", () => undefined);
    running.add(child);
    installExitHook();
    const log: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line === "") continue;
        options.onLog?.(line);
        log.push(line);
        if (log.length > 200) log.shift();
      }
    };
    if (logFd !== undefined) closeSync(logFd);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    const logTail = (): string[] => (logFile ? readTail(logFile) : log);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    exited.then(() => running.delete(child));
    let halted: Promise<void> | undefined;
    const halt = (): Promise<void> =>
      (halted ??= (async () => {
        killGroup(child, "SIGTERM");
        const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
        child.stdout?.destroy();
        child.stderr?.destroy();
      })());
    const removeLog = () => {
      if (logFile) rmSync(dirname(logFile), { recursive: true, force: true });
    };
    const stop = (): Promise<void> => halt().then(removeLog);
    const url = `sc://127.0.0.1:${port}`;
    try {
      await waitUntilServing(url, port, exited, deadline, options.signal);
      child.unref();
      // Never written to nor ended: closing it is what stops the server.
      (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
      (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
      return { url, port, spark, pid: child.pid!, logFile, stop };
    } catch (err) {
      await halt();
      const lines = logTail();
      removeLog();
      if (options.signal?.aborted) throw options.signal.reason;
      const bindFailed = lines.some((l) => /BindException|Address already in use/.test(l));
      lastError = err instanceof LocalSparkError ? err : new LocalSparkError("SERVER_START_FAILED", String(err), { cause: err });
      if (bindFailed && Date.now() < deadline) continue;
      const tail = lines.slice(-30).join("\n");
      throw new LocalSparkError(
        "SERVER_START_FAILED",
        `the Spark Connect server (${spark.sparkSubmit}, Spark ${spark.version}) did not start: ${(lastError as Error).message}${tail ? `\n--- server log (last lines) ---\n${tail}` : ""}`,
        { cause: err },
      );
    }
  }
  throw lastError;
}

function readTail(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter((l) => l !== "").slice(-200);
  } catch {
    return [];
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => (socket.destroy(), resolve(false)));
  });
}

async function waitUntilServing(url: string, port: number, exited: Promise<number | null>, deadline: number, signal?: AbortSignal): Promise<void> {
  let exitCode: number | null | undefined;
  const gone = new AbortController();
  void exited.then((code) => {
    exitCode = code ?? -1;
    gone.abort();
  });
  for (;;) {
    signal?.throwIfAborted();
    if (exitCode !== undefined) throw new LocalSparkError("SERVER_START_FAILED", `spark-submit exited with code ${exitCode}`);
    if (Date.now() > deadline) throw new LocalSparkError("SERVER_START_FAILED", "the server did not answer before the timeout");
    // Probe the port cheaply first; only an open port gets a real request (the server's version).
    if (await portOpen(port)) {
      const probe = AbortSignal.any([gone.signal, AbortSignal.timeout(10_000), ...(signal ? [signal] : [])]);
      try {
        const session = await SparkSession.connect(url, { signal: probe });
        await session.stop().catch(() => undefined);
        return;
      } catch {
        // not serving yet
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
