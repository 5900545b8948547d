import { defineConfig } from "vitest/config";

// Tests import workspace packages from their sources (the "@flyte-ts/source" export condition): no build first.
// No "module" condition: packages such as the AWS SDK list it before "node" for bundler-only builds that
// Node cannot run; without it dependencies resolve as under Node itself.
const conditions = ["@flyte-ts/source", "node", "development|production"];

const roots = ["packages/*/test/**", "examples/test/**", "conformance/test/**", "test/**"];

// Tests that need a real engine are named `<name>.<engine>.test.ts`. Each engine is a vitest project whose
// global setup starts the engine once per run (vitest runs a project's global setup only when one of its
// files is selected) on loopback, and stops it at the end.
const engines: string[] = ["spark", "ray", "dask"];
const globalSetups: Record<string, string[]> = {
  spark: ["packages/spark-connect/test/spark-global-setup.ts"],
  ray: ["packages/plugin-ray/test/ray-global-setup.ts"],
  dask: ["packages/plugin-dask/test/dask-global-setup.ts"],
};

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: roots.map((root) => `${root}/*.test.ts`),
          exclude: ["**/node_modules/**", ...engines.map((engine) => `**/*.${engine}.test.ts`)],
        },
      },
      ...engines.map((engine) => ({
        extends: true as const,
        test: {
          name: engine,
          include: roots.map((root) => `${root}/*.${engine}.test.ts`),
          globalSetup: globalSetups[engine] ?? [],
          // One engine per run, shared by the files: long timeouts, no retries of engine start-up.
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      })),
    ],
  },
});
