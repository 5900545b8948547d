import { resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

// What declaring tasks does not need is loaded on first use: the built code takes X.lazy.ts for X.ts for the
// TaskSpec message functions (protobuf-es and the generated flyteidl2 descriptors, an entry of their own) and zod.
const loadOnFirstUse: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "load-on-first-use",
  setup(build) {
    build.onResolve({ filter: /(load-task-spec-messages|zod-module)\.ts$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.replace(/\.ts$/, ".lazy.ts")) }));
  },
};

export default defineConfig({
  entry: [
    "src/index.ts", "src/cli.ts", "src/a0.ts", "src/testing/index.ts", "src/remote/index.ts", "src/runtime/index.ts", "src/plugin-kit/index.ts",
    "src/serialize/task-spec-messages.ts",
  ],
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  splitting: true,
  // The vendored flyteidl2 code is bundled; runtime dependencies stay external.
  // The storage SDKs are optional peers, imported only when a URI of their scheme is used; so are tsx and
  // esbuild (TypeScript modules, bundle compilation) and Connect (the remote client, child actions).
  external: ["vitest", "tsx", "esbuild", "@kubernetes/client-node", /^@connectrpc\//, /^@aws-sdk\//, /^@azure\//, /^@google-cloud\//],
  esbuildPlugins: [loadOnFirstUse],
  dts: { compilerOptions: { composite: false, incremental: false } },
});
