import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts", "src/a0.ts", "src/testing/index.ts", "src/remote/index.ts", "src/runtime/index.ts", "src/plugin-kit/index.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  splitting: true,
  // The vendored flyteidl2 code is bundled; runtime dependencies stay external.
  // The storage SDKs are optional peers, imported only when a URI of their scheme is used; so are tsx and
  // esbuild (TypeScript modules, bundle compilation) and Connect (the remote client, child actions).
  external: ["vitest", "tsx", "esbuild", "@kubernetes/client-node", /^@connectrpc\//, /^@aws-sdk\//, /^@azure\//, /^@google-cloud\//],
  dts: { compilerOptions: { composite: false, incremental: false } },
});
