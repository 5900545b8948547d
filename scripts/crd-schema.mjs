#!/usr/bin/env node
// The openAPIV3Schema of one version of a CRD, without its `description` texts (documentation only;
// they would make up most of the file). The engine plugins validate their previews against such a
// schema, which scripts/vendor-crds.mjs derives at bootstrap from the operator's pinned package.
// Usage: node scripts/crd-schema.mjs <crd.yaml> <version> <output.json>
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";

/** The schema without documentation: every `description` string dropped (a property named "description" is kept). */
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

export function crdSchemaWithoutDescriptions(crdYaml, version) {
  const entry = parse(crdYaml).spec.versions.find((v) => v.name === version);
  if (!entry?.schema?.openAPIV3Schema) throw new Error(`no openAPIV3Schema for version ${version}`);
  return withoutDescriptions(entry.schema.openAPIV3Schema);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [crd, version, output] = process.argv.slice(2);
  if (!crd || !version || !output) {
    console.error("usage: node scripts/crd-schema.mjs <crd file> <version> <output.json>");
    process.exit(2);
  }
  writeFileSync(output, `${JSON.stringify(crdSchemaWithoutDescriptions(readFileSync(crd, "utf8"), version))}\n`);
  console.error(`wrote ${output} from ${crd}`);
}
