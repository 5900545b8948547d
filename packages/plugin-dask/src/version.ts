import { readFileSync } from "node:fs";

// package.json is one level above both src/ (tests) and dist/ (the published build).
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

/** This package's version, from its package.json. */
export const PLUGIN_VERSION: string = pkg.version;
