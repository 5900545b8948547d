import { resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

// The TaskSpec message functions (protobuf-es and the generated flyteidl2 descriptors) are an entry of their
// own, loaded on first use: the built code takes load-task-spec-messages.lazy.ts for load-task-spec-messages.ts.
const lazyTaskSpecMessages: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "lazy-task-spec-messages",
  setup(build) {
    build.onResolve({ filter: /load-task-spec-messages\.ts$/ }, (args) => ({ path: resolve(args.resolveDir, "load-task-spec-messages.lazy.ts") }));
  },
};

export default defineConfig({
  entry: [
    "src/index.ts", "src/cli.ts", "src/a0.ts", "src/testing/index.ts", "src/remote/index.ts",
    "src/serialize/task-spec-messages.ts",
  ],
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  splitting: true,
  // The vendored flyteidl2 code is bundled; runtime dependencies stay external.
  // The storage SDKs are optional peers, imported only when a URI of their scheme is used.
  external: ["vitest", "tsx", "@kubernetes/client-node", /^@aws-sdk\//, /^@azure\//, /^@google-cloud\//],
  esbuildPlugins: [lazyTaskSpecMessages],
  dts: { compilerOptions: { composite: false, incremental: false } },
});
