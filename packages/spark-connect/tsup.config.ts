import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "local/index": "src/local/index.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  // apache-arrow stays a runtime dependency (loaded lazily), not bundled.
  dts: { compilerOptions: { composite: false, incremental: false, stripInternal: true } },
});
