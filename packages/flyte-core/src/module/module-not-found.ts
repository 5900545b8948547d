/** True when `err` says the package `name` could not be found (ESM or CommonJS resolution). */
export function isModuleNotFound(err: unknown, name: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return (e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "MODULE_NOT_FOUND") && String(e.message).includes(`'${name}`);
}
