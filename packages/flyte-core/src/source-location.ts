import { fileURLToPath } from "node:url";

// This file sits directly under src/ (or is bundled directly under dist/), so its parent is the package root.
const CORE_ROOT = fileURLToPath(new URL("../", import.meta.url));
const CORE_CODE = [`${CORE_ROOT}src/`, `${CORE_ROOT}dist/`];

/** The first source file on the current stack outside @flyte-ts/core: the user module declaring a task. */
export function callerSourceFile(): string | undefined {
  const stack = new Error().stack ?? "";
  for (const line of stack.split("\n").slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?\s*$/.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    if (CORE_CODE.some((dir) => file.startsWith(dir)) || file.includes("/node_modules/") || file.startsWith("node:")) continue;
    return file;
  }
  return undefined;
}
