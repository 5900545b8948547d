import { testPluginContract } from "@flyte-ts/core/testing";
import { Echo, echoPlugin } from "./fixtures/echo-plugin.ts";

// Core's own contract suite, run against a plugin written as a third party would.
testPluginContract({
  plugin: echoPlugin,
  config: () => new Echo({ workers: 3, conf: { mode: "fast" } }),
  expectedCustom: { workers: 3, conf: { mode: "fast" } },
  invalid: [
    { name: "zero workers", config: () => new Echo({ workers: 0 }), path: ["workers"], message: ">=1" },
    { name: "a non-string conf value", config: () => new Echo({ workers: 1, conf: { a: 1 as unknown as string } }), path: ["conf", "a"], message: "expected string" },
    { name: "an unknown key", config: () => Object.assign(new Echo({ workers: 1 }), { extra: true }), path: [], message: "extra" },
  ],
});
