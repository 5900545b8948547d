import { defineConfig } from "vitest/config";

// Tests import workspace packages from their sources (the "@flyte-ts/source" export condition): no build first.
const conditions = ["@flyte-ts/source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/test/**/*.test.ts", "conformance/test/**/*.test.ts", "test/**/*.test.ts"],
  },
});
