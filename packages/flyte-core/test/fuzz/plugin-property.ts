// The property every engine plugin's config must have, shared by the plugins' property tests (they
// import this file by its path): a config either is refused when the TaskEnvironment is declared, with
// a ConfigError, or it is accepted and then its task serializes and the plugin's render succeeds.
import fc from "fast-check";
import { type PluginConfig, type TaskPlugin, TaskEnvironment, resetEnvironments, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { expect } from "vitest";
import { SEED, attempt, attemptAsync, expectProjectRejection } from "./values.ts";

const context = { version: "v1", codeBundle: { computedVersion: "cv", pkl: "s3://bucket/code.pkl" } };

/** Runs the property `runs` times from the fixed seed; returns how many configs were accepted and rendered. */
export async function checkPluginConfigs(
  arb: fc.Arbitrary<unknown>,
  runs: number,
  plugin: TaskPlugin<any>,
  makeConfig: (options: never) => PluginConfig,
): Promise<number> {
  let rendered = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (options) => {
      resetEnvironments();
      const config = attempt(() => makeConfig(options as never));
      if (!config.ok) return expectProjectRejection(config.error, options);
      const env = attempt(() => new TaskEnvironment({ name: "fuzz", image: "ghcr.io/acme/img:1", pluginConfig: config.value }));
      if (!env.ok) return expectProjectRejection(env.error, options);
      const task = attempt(() => env.value.task(async function job() { return 1; }));
      if (!task.ok) return expectProjectRejection(task.error, options);
      const spec = attempt(() => taskSpecToJson(serializeTask(task.value, context)));
      if (!spec.ok) throw new Error(`accepted config did not serialize: ${(spec.error as Error).message}\ninput: ${fc.stringify(options)}`, { cause: spec.error });
      const resources = await attemptAsync(() => plugin.render!(spec.value));
      if (!resources.ok) throw new Error(`accepted config did not render: ${(resources.error as Error).message}\ninput: ${fc.stringify(options)}`, { cause: resources.error });
      expect(resources.value.length).toBeGreaterThan(0);
      rendered++;
    }),
    { seed: SEED, numRuns: runs },
  );
  return rendered;
}
