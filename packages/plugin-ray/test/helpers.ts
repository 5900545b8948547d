import { type PluginConfig, type ReusePolicy, SerializationContext, TaskEnvironment, serializeTask, taskSpecToJson } from "@flyte-ts/core";

let counter = 0;

/** The reference tests' serialization context (python-sdk-behaviour §3.3.7). */
export const referenceContext = () =>
  new SerializationContext({
    version: "abc123",
    inputPath: "s3://bucket/test/run/inputs.pb",
    outputPath: "s3://bucket/outputs/0/jfkljfa/0",
    rootDir: process.cwd(),
  });

/** Declares `my_ray_task` in a fresh environment with this config. */
export function rayTask(pluginConfig: PluginConfig, reusable?: ReusePolicy) {
  const env = new TaskEnvironment({ name: `ray_env_${++counter}`, image: "ghcr.io/example/ray:1", pluginConfig, reusable });
  return env.task(async function my_ray_task() {
    return 1;
  });
}

/** The serialized task template of a task with this config. */
export function templateOf(pluginConfig: PluginConfig, reusable?: ReusePolicy): Record<string, any> {
  return taskSpecToJson(serializeTask(rayTask(pluginConfig, reusable), referenceContext())).taskTemplate as Record<string, any>;
}

/** The thrown error's issues as [path, message] pairs. */
export function issuesOf(fn: () => unknown): [string, string][] {
  try {
    fn();
  } catch (err) {
    const issues = (err as { issues?: { path: (string | number)[]; message: string }[] }).issues;
    if (!issues) throw err;
    return issues.map((i) => [i.path.join("."), i.message]);
  }
  throw new Error("expected an error");
}
