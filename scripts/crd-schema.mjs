#!/usr/bin/env node
// The openAPIV3Schema of one version of a CRD, without its `description` texts (documentation only;
// they would make up most of the file). The engine plugins keep such a copy, taken from the team's
// shelf of official CRDs, to validate their previews; their tests check the copy is still current.
// Usage: node scripts/crd-schema.mjs <crd file in ../shared/crds or a path> <version> <output.json>
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/** Where the shelf of official CRDs is: `../shared/crds` beside the repository. */
export const CRD_SHELF = resolve(import.meta.dirname, "../../shared/crds");

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
  const source = existsSync(crd) ? crd : join(CRD_SHELF, crd);
  writeFileSync(output, `${JSON.stringify(crdSchemaWithoutDescriptions(readFileSync(source, "utf8"), version))}\n`);
  console.error(`wrote ${output} from ${source}`);
}
