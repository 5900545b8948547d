import { inject } from "vitest";
import { SparkSession } from "../src/index.ts";

/** A new session on the run's shared local Spark Connect server (see spark-global-setup.ts). */
export async function connect(conf?: Record<string, string>): Promise<SparkSession> {
  return SparkSession.connect(inject("sparkConnectUrl"), { conf, userAgent: "flyte-ts-tests" });
}
