#!/usr/bin/env node
// `flyte-ts --help`, `flyte-ts <command...> --help`, `flyte-ts help [<command>]` and `-V` print texts the build
// wrote from the program itself (dist/cli-help.json, scripts/write-cli-help.mjs) without loading commander:
// they start as fast as Node does. Everything else, and any other spelling, goes to the program.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const read = (file) => {
  try {
    return JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8"));
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
else await (await import("../dist/cli.js")).main(process.argv);
