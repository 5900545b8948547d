import { defineConfig } from "vitest/config";

// Tests import workspace packages from their sources (the "@flyte-ts/source" export condition): no build first.
// No "module" condition: packages such as the AWS SDK list it before "node" for bundler-only builds that
// Node cannot run; without it dependencies resolve as under Node itself.
const conditions = ["@flyte-ts/source", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/test/**/*.test.ts", "conformance/test/**/*.test.ts", "test/**/*.test.ts"],
  },
});
