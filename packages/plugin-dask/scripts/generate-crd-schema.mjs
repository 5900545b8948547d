// Writes src/crd/daskjob.v1.schema.json: the openAPIV3Schema of the official DaskJob CRD (dask-kubernetes 2023.6.0,
// version v1, from the team's shelf of CRDs), without its `description` texts, which are documentation
// only and would triple the size. Run after updating the CRD: node scripts/generate-crd-schema.mjs [crd.yaml]
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

export const CRD_FILE = "kubernetes.dask.org_daskjobs.v1.dask-kubernetes-2023.6.0.yaml";
const source = process.argv[2] ?? new URL(`../../../../shared/crds/${CRD_FILE}`, import.meta.url).pathname;
const target = new URL("../src/crd/daskjob.v1.schema.json", import.meta.url);

/** The schema without documentation: every `description` string dropped, everything else kept. */
export function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "description" && typeof value === "string") continue;
    out[key] = withoutDescriptions(value);
  }
  return out;
}

export function schemaOf(crdYaml, version) {
  const entry = parse(crdYaml).spec.versions.find((v) => v.name === version);
  return withoutDescriptions(entry.schema.openAPIV3Schema);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  writeFileSync(target, `${JSON.stringify(schemaOf(readFileSync(source, "utf8"), "v1"))}\n`);
  console.log(`wrote ${target.pathname}`);
}
