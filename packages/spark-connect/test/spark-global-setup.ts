// Global setup of the "spark" vitest project: ONE local Spark Connect server per test run, started with this
// package's own startLocalSparkConnect from the project's Spark (scripts/engines/spark.sh installs it into
// .engines/spark/venv), on a free loopback port. Tests read its URL with inject("sparkConnectUrl").
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalSparkConnect, type LocalSparkConnect } from "../src/local/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sparkConnectUrl: string;
  }
}

const root = resolve(import.meta.dirname, "../../..");
let server: LocalSparkConnect | undefined;

export async function setup(project: TestProject): Promise<void> {
  const python = resolve(root, ".engines/spark/venv/bin/python");
  if (!existsSync(python)) throw new Error(`the spark tests need the project's Spark: run \`bash scripts/engines/spark.sh\` (no ${python})`);
  server = await startLocalSparkConnect({
    python,
    master: "local[2]",
    conf: {
      "spark.sql.ansi.enabled": "true",
      "spark.sql.session.timeZone": "UTC",
      "spark.sql.shuffle.partitions": "4",
      "spark.sql.warehouse.dir": resolve(root, ".engines/spark/warehouse"),
      "spark.driver.memory": "1g",
      // Cut result streams after 1 MiB so that large results exercise reattachable execution.
      "spark.connect.execute.reattachable.senderMaxStreamSize": "1m",
    },
    timeoutMs: 300_000,
  });
  project.provide("sparkConnectUrl", server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
