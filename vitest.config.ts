import { defineConfig } from "vitest/config";

// Tests import workspace packages from their sources (the "@flyte-ts/source" export condition): no build first.
// No "module" condition: packages such as the AWS SDK list it before "node" for bundler-only builds that
// Node cannot run; without it dependencies resolve as under Node itself.
const conditions = ["@flyte-ts/source", "node", "development|production"];

const roots = ["packages/*/test/**", "examples/test/**", "conformance/test/**", "test/**"];

// Tests that need a real engine are named `<name>.<engine>.test.ts`. Each engine is a vitest project whose
// global setup starts the engine once per run (vitest runs a project's global setup only when one of its
// files is selected) on loopback, and stops it at the end.
const engines: string[] = ["spark"];

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
      {
        extends: true,
        test: {
          name: "spark",
          include: roots.map((root) => `${root}/*.spark.test.ts`),
          globalSetup: ["packages/spark-connect/test/spark-global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
