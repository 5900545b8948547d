// Writes src/crd/sparkapplication.v1beta2.schema.json: the openAPIV3Schema of the v1beta2 version of the
// official SparkApplication CRD (spark-operator v2.5.2), without its `description` texts, which
// validation does not read and which would make up most of the file.
// Usage: node scripts/extract-crd-schema.mjs [path to the CRD YAML]
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

const CRD_FILE = "sparkoperator.k8s.io_sparkapplications.v1beta2.spark-operator-v2.5.2.yaml";
const source = process.argv[2] ?? new URL(`../../../../shared/crds/${CRD_FILE}`, import.meta.url).pathname;
const target = new URL("../src/crd/sparkapplication.v1beta2.schema.json", import.meta.url);

export function extractSchema(crdYaml, version) {
  const crd = parse(crdYaml);
  const entry = crd.spec.versions.find((v) => v.name === version);
  if (!entry?.schema?.openAPIV3Schema) throw new Error(`no openAPIV3Schema for version ${version}`);
  return withoutDescriptions(entry.schema.openAPIV3Schema);
}

function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // A property *named* "description" (inside `properties`) is a field, not documentation: keep it.
    if (key === "description" && typeof value === "string") continue;
    out[key] = withoutDescriptions(value);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const schema = extractSchema(readFileSync(source, "utf8"), "v1beta2");
  writeFileSync(target, `${JSON.stringify(schema)}\n`);
  console.log(`wrote ${target.pathname} from ${source}`);
}
