// Built in place of load-task-spec-messages.ts (see tsup.config.ts): the TaskSpec message functions are a
// separate entry of the build, dist/serialize/task-spec-messages.js, required (synchronously, Node's
// require of an ES module, Node >= 20.19) the first time a message function is called.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TaskSpecMessages } from "./load-task-spec-messages.ts";

let loaded: TaskSpecMessages | undefined;

export function taskSpecMessages(): TaskSpecMessages {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    // Found from the package root, wherever the bundler put this code among the built chunks.
    const root = dirname(require.resolve("@flyte-ts/core/package.json"));
    loaded = require(join(root, "dist/serialize/task-spec-messages.js")) as TaskSpecMessages;
  }
  return loaded;
}
