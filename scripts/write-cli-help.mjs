#!/usr/bin/env node
// Build step of @flyte-ts/core (after tsup): writes every help text of the flyte-ts program to
// dist/cli-help.json, which bin/flyte-ts.js prints without loading commander. Run from packages/flyte-core.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dist = join(process.cwd(), "dist");
const { helpTexts } = await import(pathToFileURL(join(dist, "cli.js")).href);
writeFileSync(join(dist, "cli-help.json"), `${JSON.stringify(helpTexts(), null, 1)}\n`);
