// What the engine projects' global setups hand to tests with provide/inject (for the type-checker: the
// setups live in the plugins' test folders, outside this project's sources).
declare module "vitest" {
  export interface ProvidedContext {
    /** packages/plugin-ray/test/ray-global-setup.ts: the run's local Ray cluster. */
    ray: { python: string; gcsAddress: string; dashboardUrl: string; tempDir: string };
    /** packages/plugin-dask/test/dask-global-setup.ts: the run's local Dask cluster. */
    dask: { python: string; schedulerAddress: string; workers: string[] };
  }
}

export {};
