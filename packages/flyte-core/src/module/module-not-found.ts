/** True when `err` says the package `name` could not be found (ESM or CommonJS resolution). */
export function isModuleNotFound(err: unknown, name: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return (e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "MODULE_NOT_FOUND") && String(e.message).includes(`'${name}`);
}

/** The first of `packages` that `err` says is not installed, if any. */
export function missingPackage(err: unknown, packages: readonly string[]): string | undefined {
  return packages.find((name) => isModuleNotFound(err, name));
}
