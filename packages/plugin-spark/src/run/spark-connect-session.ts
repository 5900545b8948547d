import { FlyteTsError } from "@flyte-ts/core";
import type { SparkSession } from "@flyte-ts/spark-connect";
import type { LocalSparkConnect } from "@flyte-ts/spark-connect/local";

/** The environment variable that names a Spark Connect server (`sc://host:port`), as pyspark reads it. */
export const SPARK_REMOTE_ENV = "SPARK_REMOTE";

/** What a task body's session connects to. */
export interface SessionTarget {
  /** True inside the action's container (a0), where only the driver bridge's endpoint may be used. */
  readonly inCluster: boolean;
  /** The master of a local server ("local[*]"). */
  readonly master: string;
  /** The task's Spark settings (sparkConf, hadoopConf as `spark.hadoop.*`, the app name). */
  readonly conf: Readonly<Record<string, string>>;
  /** The environment to read `SPARK_REMOTE` from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Connects the session of one task attempt: to `SPARK_REMOTE` when it is set (in the cluster, the Spark
 * Connect endpoint the driver bridge serves), else — in local runs only — to a local Spark Connect server
 * started with the task's settings. The task's `spark.sql.*` settings are applied to the session as
 * pyspark's builder applies them to a Spark Connect session (static ones the server refuses are skipped).
 */
export async function connectSession(target: SessionTarget): Promise<SparkSession> {
  const remote = (target.env ?? process.env)[SPARK_REMOTE_ENV]?.trim();
  if (!remote && target.inCluster) {
    throw new FlyteTsError(
      "EXECUTION",
      `${SPARK_REMOTE_ENV} is not set: in the cluster the Spark session is served by the Spark driver, which must run a0 through ` +
        "the flyte-ts driver bridge (the SparkApplication's mainApplicationFile, flyte_ts_spark_driver.py from @flyte-ts/plugin-spark; " +
        "see the image recipe in the plugin's README)",
    );
  }
  const { SparkSession } = await loadClient();
  const url = remote || (await localServer(target)).url;
  let session: SparkSession;
  try {
    session = await SparkSession.connect(url, { userAgent: "flyte-ts-plugin-spark" });
  } catch (error) {
    throw new FlyteTsError("EXECUTION", `cannot open a Spark session on ${redactUrl(url)}${remote ? ` (from ${SPARK_REMOTE_ENV})` : ""}: ${(error as Error).message}`, { cause: error });
  }
  // A local server started for these settings already has them; a server of SPARK_REMOTE gets the
  // session-level ones.
  if (remote) await applySqlConf(session, target.conf);
  return session;
}

async function applySqlConf(session: SparkSession, conf: Readonly<Record<string, string>>): Promise<void> {
  for (const [key, value] of Object.entries(conf)) {
    if (!key.startsWith("spark.sql.")) continue;
    try {
      await session.conf.set(key, value);
    } catch {
      // Static SQL settings can only be set when the server starts; pyspark skips them the same way.
    }
  }
}

// The Spark Connect URL may carry a token (`;token=…`): it never appears in messages.
function redactUrl(url: string): string {
  return url.replace(/;\s*token=[^;]*/gi, ";token=<redacted>");
}

async function loadClient(): Promise<typeof import("@flyte-ts/spark-connect")> {
  try {
    return await import("@flyte-ts/spark-connect");
  } catch (error) {
    throw new FlyteTsError("EXECUTION", `ctx().data.spark.session needs the package @flyte-ts/spark-connect: install it (npm install @flyte-ts/spark-connect) next to @flyte-ts/plugin-spark`, { cause: error });
  }
}

// One local server per process and set of settings, shared by the tasks that use them; the client
// package kills the servers it started when the process exits.
const localServers = new Map<string, Promise<LocalSparkConnect>>();

/** A local Spark Connect server for these settings (started on first use, loopback only). */
export function localServer(target: Pick<SessionTarget, "master" | "conf">): Promise<LocalSparkConnect> {
  const conf = Object.fromEntries(Object.entries(target.conf).filter(([key]) => key !== "spark.master"));
  const key = JSON.stringify([target.master, Object.entries(conf).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
  let server = localServers.get(key);
  if (!server) {
    server = startServer(target.master, conf);
    localServers.set(key, server);
    // A failed start is not cached: the next session tries again (e.g. after Spark was installed).
    server.catch(() => localServers.delete(key));
  }
  return server;
}

async function startServer(master: string, conf: Record<string, string>): Promise<LocalSparkConnect> {
  let local: typeof import("@flyte-ts/spark-connect/local");
  try {
    local = await import("@flyte-ts/spark-connect/local");
  } catch (error) {
    throw new FlyteTsError("EXECUTION", `ctx().data.spark.session needs the package @flyte-ts/spark-connect: install it (npm install @flyte-ts/spark-connect) next to @flyte-ts/plugin-spark`, { cause: error });
  }
  try {
    return await local.startLocalSparkConnect({ master, conf });
  } catch (error) {
    throw new FlyteTsError(
      "EXECUTION",
      `ctx().data.spark.session: no local Spark Connect server for this run: ${(error as Error).message}\n` +
        `Spark runs a local task's session on this machine: install Java 17 and pyspark (pip install "pyspark[connect]==4.3.0"; ` +
        `set SPARK_CONNECT_PYTHON to that Python when it is not the python3 on PATH) or a Spark distribution (SPARK_HOME), ` +
        `or set ${SPARK_REMOTE_ENV}=sc://host:port to use a running Spark Connect server.`,
      { cause: error },
    );
  }
}

/** Stops every local server this process started for task sessions (they also stop when it exits). */
export async function stopLocalSparkServers(): Promise<void> {
  const servers = [...localServers.values()];
  localServers.clear();
  await Promise.all(servers.map(async (server) => (await server.catch(() => undefined))?.stop()));
}

/**
 * A session opened on first use and closed at the end of the task attempt. `get()` is what the body's
 * `ctx().data.spark.session` getter returns.
 */
export class LazySparkSession {
  #opening: Promise<SparkSession> | undefined;
  #closed = false;
  constructor(private readonly open: () => Promise<SparkSession>) {}

  get(): Promise<SparkSession> {
    if (this.#closed) return Promise.reject(new FlyteTsError("EXECUTION", "the task's Spark session is closed: use ctx().data.spark.session inside the task body"));
    return (this.#opening ??= this.open());
  }

  /** Whether the body asked for the session. */
  get used(): boolean {
    return this.#opening !== undefined;
  }

  /** Releases the session on the server (idempotent; nothing to do when it was never opened). */
  async close(): Promise<void> {
    this.#closed = true;
    const opening = this.#opening;
    this.#opening = undefined;
    const session = await opening?.catch(() => undefined);
    await session?.stop();
  }
}
