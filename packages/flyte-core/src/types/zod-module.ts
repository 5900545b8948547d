// zod's `z`, for the few places core builds schemas itself (duration(), a union's null member, JSON Schema).
// Run from source (tests, tsx) it is imported here directly. The build replaces this module with
// zod-module.lazy.ts (tsup.config.ts), which loads zod on first use: importing @flyte-ts/core to declare
// and serialize tasks without zod schemas then does not load zod.
import { z } from "zod";

export type Zod = typeof z;

export function zodModule(): Zod {
  return z;
}
