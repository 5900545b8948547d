// The fast encoder (encodeTask: proto JSON and binary written directly from the settings, shared parts
// cached per environment) against plain protobuf-es (serializeTask, then taskSpecToBinary/taskSpecToJson:
// toBinary/toJson with the generated flyteidl2 descriptors) on every conformance case: byte-identical binary, JSON identical down to
// key order, the same error when a case fails. Each task is encoded twice, the second time from the caches.
import { encodeTask, resetEnvironments, serializeTask, taskSpecToBinary, taskSpecToJson } from "@flyte-ts/core";
import { afterEach, describe, expect, it } from "vitest";
import { PluginUnavailable, buildCaseTask, loadPlugins } from "./build.ts";
import { loadCases } from "./compare.ts";

const cases = loadCases();

function outcome<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

afterEach(() => resetEnvironments());

describe("encodeTask matches protobuf-es on every conformance case", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(200));

  for (const c of cases) {
    it(c.id, async () => {
      let plugins;
      try {
        plugins = await loadPlugins(c);
      } catch (err) {
        if (err instanceof PluginUnavailable) return;
        throw err;
      }
      const built = outcome(() => buildCaseTask(c, plugins));
      if (!built.ok) return; // refused at declaration: nothing to serialize
      const { task, sctx } = built.value;
      const reference = outcome(() => serializeTask(task, sctx));
      for (let round = 0; round < 2; round++) {
        const fast = outcome(() => encodeTask(task, sctx));
        if (!reference.ok) {
          expect(fast.ok).toBe(false);
          expect(String((fast as { error: unknown }).error)).toBe(String(reference.error));
          continue;
        }
        if (!fast.ok) throw fast.error;
        // taskSpecToBinary is protobuf-es toBinary(TaskSpecSchema, spec).
        expect(Buffer.from(fast.value.binary).toString("hex")).toBe(Buffer.from(taskSpecToBinary(reference.value)).toString("hex"));
        expect(JSON.stringify(fast.value.json)).toBe(JSON.stringify(taskSpecToJson(reference.value)));
      }
    });
  }
});
