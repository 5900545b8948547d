import { fileURLToPath } from "node:url";

// This file sits directly under src/ (or is bundled directly under dist/), so its parent is the package root.
const CORE_ROOT = fileURLToPath(new URL("../", import.meta.url));
const CORE_CODE = [`${CORE_ROOT}src/`, `${CORE_ROOT}dist/`];

/** The first source file on the current stack outside @flyte-ts/core: the user module declaring a task. */
export function callerSourceFile(): string | undefined {
  // Read structured call sites instead of formatting `.stack`: formatting goes through source maps
  // when a TypeScript loader is active, which made declaring many tasks slow.
  const original = Error.prepareStackTrace;
  const holder: { stack?: unknown } = {};
  let sites: NodeJS.CallSite[] = [];
  Error.prepareStackTrace = (_error, callSites) => callSites;
  try {
    Error.captureStackTrace(holder, callerSourceFile);
    // The stack is built on first access, which must happen while our formatter is installed.
    sites = Array.isArray(holder.stack) ? (holder.stack as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = original;
  }
  for (const site of sites) {
    const name = site.getFileName();
    if (!name || name.startsWith("node:")) continue;
    const file = name.startsWith("file://") ? fileURLToPath(name) : name;
    if (!file.startsWith("/") || CORE_CODE.some((dir) => file.startsWith(dir)) || file.includes("/node_modules/")) continue;
    return file;
  }
  return undefined;
}
