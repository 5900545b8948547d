#!/usr/bin/env node
// Writes packages/flyte-core/src/gen/k8s/pod-spec-fields.json (git-ignored): the JSON field names of
// V1PodSpec and of every Kubernetes type reachable from it, read from the models of @kubernetes/client-node
// (core's pinned dev dependency). Core checks pod specs against it when they are declared, so an unknown
// field is refused with its path instead of failing later at render or in the cluster.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const coreDir = resolve(import.meta.dirname, "../packages/flyte-core");
const require = createRequire(join(coreDir, "package.json"));
const clientDir = dirname(require.resolve("@kubernetes/client-node/package.json"));
const { version } = JSON.parse(readFileSync(join(clientDir, "package.json"), "utf8"));
const modelsDir = join(clientDir, "dist/gen/models");

const types = {};
const queue = ["V1PodSpec"];
// "Array<V1Container>" → V1Container; "{ [key: string]: V1X; }" → V1X; primitives and IntOrString are leaves.
const modelOf = (type) => /^(?:Array<|\{ \[key: string\]: )?([A-Z]\w*)(?:>|; \})?$/.exec(type)?.[1];
while (queue.length > 0) {
  const name = queue.shift();
  if (types[name]) continue;
  const file = join(modelsDir, `${name}.js`);
  if (!existsSync(file)) continue; // IntOrString, Date and other scalars have no model file
  const model = require(file)[name];
  const fields = {};
  for (const attribute of model.getAttributeTypeMap()) {
    fields[attribute.baseName] = attribute.type;
    const nested = modelOf(attribute.type);
    if (nested) queue.push(nested);
  }
  types[name] = fields;
}

const target = join(coreDir, "src/gen/k8s/pod-spec-fields.json");
const content = `${JSON.stringify({ source: `@kubernetes/client-node@${version}`, types })}\n`;
if (!existsSync(target) || readFileSync(target, "utf8") !== content) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}
if (process.env.FLYTE_TS_VERBOSE) console.error(`vendor-k8s-fields: ${Object.keys(types).length} types from @kubernetes/client-node@${version}`);
