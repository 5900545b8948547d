// Built in place of zod-module.ts (see tsup.config.ts): zod is required on first use (synchronously, Node's
// require of an ES module, Node >= 20.19) from the file `import "zod"` resolves to, so that core and the
// user's module share one zod instance, as with a static import.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Zod } from "./zod-module.ts";

let loaded: Zod | undefined;

export function zodModule(): Zod {
  loaded ??= (createRequire(import.meta.url)(fileURLToPath(import.meta.resolve("zod"))) as typeof import("zod")).z;
  return loaded;
}
