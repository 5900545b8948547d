import { createHash } from "node:crypto";
import type { TaskSettings } from "./settings.ts";

/**
 * A stable version of a task's code (`TaskMetadata.discoveryVersion`): SHA-256 of its function's
 * source text and the cache salt. The reference hashes the Python AST instead; both change exactly
 * when the function's code or the salt changes. A disabled cache contributes no salt: the reference then
 * versions the task with a fresh "auto" cache, whose salt is empty.
 */
export function codeVersion(settings: TaskSettings): string {
  let version = versions.get(settings);
  if (version === undefined) {
    version = createHash("sha256").update(settings.sourceText).update("\0").update(settings.cache.enabled ? settings.cache.salt : "").digest("hex");
    versions.set(settings, version);
  }
  return version;
}

// Settings objects are frozen, so the hash of one never changes; serializing many tasks hashes each once.
const versions = new WeakMap<TaskSettings, string>();
