import { StorageError } from "./storage-error.ts";

/** Imports a module by name; `import()` unless a test or an embedder supplies another. */
export type ModuleLoader = (specifier: string) => Promise<unknown>;

export const defaultModuleLoader: ModuleLoader = (specifier) => import(specifier);

/** The optional peer dependencies each remote scheme needs (npm package names). */
export const SDK_PACKAGES = {
  s3: ["@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
  gs: ["@google-cloud/storage"],
  abfs: ["@azure/storage-blob", "@azure/identity"],
} as const;

export type RemoteScheme = keyof typeof SDK_PACKAGES;

function isModuleNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /Cannot find (module|package)/.test(String((err as Error)?.message));
}

/**
 * Loads one of a scheme's SDK modules. A missing module is a StorageError naming the npm packages to
 * install; any other load failure keeps its message.
 */
export async function loadSdk<T>(load: ModuleLoader, scheme: RemoteScheme, specifier: string, uri: string): Promise<T> {
  try {
    return (await load(specifier)) as T;
  } catch (err) {
    const packages = SDK_PACKAGES[scheme];
    const what = `${scheme === "abfs" ? "abfs:// and abfss://" : `${scheme}://`} URIs need ${packages.join(" and ")}`;
    const message = isModuleNotFound(err)
      ? `${what}, which ${packages.length > 1 ? "are" : "is"} not installed (could not load ${specifier}): npm install ${packages.join(" ")}`
      : `${what}; loading ${specifier} failed: ${(err as Error)?.message ?? String(err)}`;
    throw new StorageError({ uri, operation: "open", failure: "missing-sdk", message });
  }
}
