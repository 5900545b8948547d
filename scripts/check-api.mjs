#!/usr/bin/env node
// Public-API reports (API Extractor), one per package entry point, committed under packages/*/etc/.
// `node scripts/check-api.mjs` fails when the built API differs from the committed report, so that
// semver-relevant changes show up in review; `--update` rewrites the reports after a deliberate change.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const update = process.argv.includes("--update");
let failures = 0;
for (const pkg of readdirSync(join(root, "packages"))) {
  const dir = join(root, "packages", pkg);
  for (const config of readdirSync(dir).filter((f) => /^api-extractor(\..+)?\.json$/.test(f)).sort()) {
    try {
      execFileSync("pnpm", ["exec", "api-extractor", "run", "--config", config, ...(update ? ["--local"] : [])], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
      console.error(`ok   ${pkg}/${config}`);
    } catch (err) {
      failures++;
      const out = `${err.stdout ?? ""}${err.stderr ?? ""}`.split("\n").filter((l) => /Warning|Error|changed/i.test(l)).join("\n");
      console.error(`FAIL ${pkg}/${config}: the public API differs from packages/${pkg}/etc/ — review it, then run \`pnpm api:update\` and commit the report\n${out}`);
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
