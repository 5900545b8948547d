#!/usr/bin/env node
// Copies the flyteidl2 generated files that @flyte-ts/core needs from the @flyteorg/flyteidl2 devDependency
// into packages/flyte-core/src/gen/ (git-ignored). The npm package ships only .ts sources, which neither
// tsup nor a consumer's tsc can take from node_modules; copying them into the source tree lets the build
// bundle the JS and emit a self-contained .d.ts. Entries are followed through their relative imports.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), "../packages/flyte-core");
const require = createRequire(join(coreDir, "package.json"));
const pkgJsonPath = require.resolve("@flyteorg/flyteidl2/package.json");
const pkgDir = dirname(pkgJsonPath);
const { version } = JSON.parse(readFileSync(pkgJsonPath, "utf8"));
const outDir = join(coreDir, "src/gen");

const entries = [
  "flyteidl2/core/tasks_pb.ts",
  "flyteidl2/core/literals_pb.ts",
  "flyteidl2/core/interface_pb.ts",
  "flyteidl2/core/types_pb.ts",
  "flyteidl2/task/task_definition_pb.ts",
  "flyteidl2/plugins/spark_pb.ts",
  "flyteidl2/plugins/ray_pb.ts",
  "flyteidl2/plugins/dask_pb.ts",
  "flyteidl2/actions/actions_service_pb.ts",
  // The remote client (src/remote) and the tests' fake control plane.
  "flyteidl2/workflow/run_service_pb.ts",
  "flyteidl2/task/task_service_pb.ts",
  "flyteidl2/dataproxy/dataproxy_service_pb.ts",
  "flyteidl2/cluster/service_pb.ts",
  "flyteidl2/auth/auth_service_pb.ts",
];

const header = `// Vendored from @flyteorg/flyteidl2@${version} (Apache-2.0) by scripts/vendor-flyteidl2.mjs. Do not edit.\n`;
const seen = new Set();
const queue = entries.filter((e) => existsSync(join(pkgDir, e)));
let written = 0;
while (queue.length > 0) {
  const rel = queue.shift();
  if (seen.has(rel)) continue;
  seen.add(rel);
  const source = readFileSync(join(pkgDir, rel), "utf8");
  for (const match of source.matchAll(/from\s+"(\.{1,2}\/[^"]+\.ts)"/g)) {
    queue.push(relative(pkgDir, resolve(dirname(join(pkgDir, rel)), match[1])));
  }
  const target = join(outDir, rel);
  const content = header + source;
  if (existsSync(target) && readFileSync(target, "utf8") === content) continue;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  written++;
}
if (process.env.FLYTE_TS_VERBOSE) console.error(`vendor-flyteidl2: ${seen.size} files (${written} written) from ${version}`);

// Core's other generated file, the Kubernetes pod-spec field names: made by every step that vendors flyteidl2.
await import("./vendor-k8s-fields.mjs");
