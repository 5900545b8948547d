#!/usr/bin/env node
// `flyte-ts --help`, `flyte-ts <command...> --help`, `flyte-ts help [<command>]` and `-V` print texts the build
// wrote from the program itself (dist/cli-help.json, scripts/write-cli-help.mjs) without loading commander:
// they start as fast as Node does. Everything else, and any other spelling, goes to the program.
// CommonJS (bin/package.json): an ES-module entry costs Node ~5 ms more to start, which --help would pay.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const args = process.argv.slice(2);
const read = (file) => {
  try {
    return JSON.parse(readFileSync(join(__dirname, file), "utf8"));
  } catch {
    return undefined;
  }
};
const last = args.at(-1);
let text;
if (args.length === 1 && (last === "-V" || last === "--version")) {
  text = `${read("../package.json")?.version}\n`;
} else if (last === "--help" || last === "-h" || (args[0] === "help" && args.length <= 2)) {
  const path = args[0] === "help" && args.length <= 2 ? args.slice(1) : args.slice(0, -1);
  if (path.every((word) => /^[a-z][a-z-]*$/.test(word))) text = read("../dist/cli-help.json")?.[path.join(" ")];
}
if (typeof text === "string") process.stdout.write(text);
else import("../dist/cli.js").then((cli) => cli.main(process.argv));
