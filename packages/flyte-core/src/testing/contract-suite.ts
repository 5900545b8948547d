import { fromJson, toJson } from "@bufbuild/protobuf";
import { StructSchema } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TaskEnvironment } from "../environment.ts";
import { ConfigError, FlyteTsError } from "../errors.ts";
import type { PluginConfig, TaskPlugin } from "../plugin/contract.ts";
import { findPlugin, listPlugins, pluginFor, registerPlugin, unregisterPlugin } from "../plugin/registry.ts";
import { ctx } from "../run/context.ts";
import { run } from "../run/execute.ts";
import { SerializationContext, type SerializationContextOptions } from "../serialize/context.ts";
import { serializeTask, taskSpecToJson } from "../serialize/task-spec.ts";

export interface InvalidConfigCase {
  /** What is wrong, for the test title. */
  name: string;
  /** Builds the bad config; may throw itself (a config class validating in its constructor). */
  config: () => unknown;
  /** Field path (below `pluginConfig`) that the error must name. */
  path: ReadonlyArray<string | number>;
  /** Text the issue's message must contain. */
  message?: string;
}

export interface PluginContractOptions<C extends PluginConfig> {
  plugin: TaskPlugin<C, any>;
  /** A valid config of the plugin's kind. */
  config: () => C;
  /** `customConfig` of that config, exactly (parsed JSON equality). */
  expectedCustom?: Record<string, unknown>;
  /** Configs that must be rejected, with the field path named. */
  invalid?: readonly InvalidConfigCase[];
  /** Serialization context for the checks (default: version "v1" with a pickled code bundle). */
  serializationContext?: SerializationContextOptions;
  /**
   * Set false when the plugin's own `pre`/`post` need something a test cannot reach (e.g. a connector's
   * service): the local-run check then uses stand-ins for them. A plugin's `execute` is always replaced by a
   * spy there. Default true.
   */
  runsLocally?: boolean;
}

let suiteCounter = 0;

/**
 * The checks every task plugin must pass: registration, config validation with field paths,
 * serializer output that a `google.protobuf.Struct` accepts, hook order in local runs, and override.
 * Call it at the top level of a vitest test file of the plugin's package.
 */
export function testPluginContract<C extends PluginConfig>(options: PluginContractOptions<C>): void {
  const { plugin } = options;
  // Tasks declared here live inside core, which no resolver can load; a pickled-bundle context needs no
  // module path, so the checks serialize with one unless the caller gives a context.
  const sctx = () =>
    new SerializationContext(options.serializationContext ?? { version: "v1", codeBundle: { computedVersion: "contract", pkl: "file:///contract.pkl" } });
  const envName = (label: string) => `contract-${label}-${++suiteCounter}`;

  describe(`plugin contract: ${plugin.name}`, () => {
    describe("registration", () => {
      it("is registered for its config kind (importing the package registers it, registering again is a no-op)", () => {
        registerPlugin(plugin);
        registerPlugin(plugin);
        expect(findPlugin(plugin.configKind)).toBe(plugin);
        expect(pluginFor(options.config())).toBe(plugin);
        expect(listPlugins().filter((p) => p.configKind === plugin.configKind)).toEqual([
          { name: plugin.name, version: plugin.version, configKind: plugin.configKind, taskType: plugin.taskType, coreApiRange: plugin.coreApiRange },
        ]);
      });

      it("declares a config kind named after its package", () => {
        expect(plugin.configKind.startsWith(`${plugin.name}#`)).toBe(true);
        expect(options.config().kind).toBe(plugin.configKind);
      });

      it("refuses a second, different plugin for the same kind", () => {
        const impostor = { ...plugin, name: `${plugin.name}-impostor` };
        expect(() => registerPlugin(impostor)).toThrowError(expect.objectContaining({ code: "PLUGIN_CONFLICT" }));
        expect(findPlugin(plugin.configKind)).toBe(plugin);
      });

      it("refuses to register against a core outside its range", () => {
        const kind = `${plugin.configKind}-incompatible`;
        const incompatible = { ...plugin, configKind: kind, coreApiRange: "^999.0.0" };
        expect(() => registerPlugin(incompatible)).toThrowError(expect.objectContaining({ code: "PLUGIN_INCOMPATIBLE" }));
        expect(findPlugin(kind)).toBeUndefined();
      });

      it("tells which package to install when its kind is not registered", () => {
        unregisterPlugin(plugin.configKind);
        try {
          expect(() => new TaskEnvironment({ name: envName("missing"), pluginConfig: options.config() })).toThrowError(
            expect.objectContaining({ code: "PLUGIN_NOT_FOUND", message: expect.stringContaining(plugin.name) }),
          );
        } finally {
          registerPlugin(plugin);
        }
      });
    });

    describe("config validation", () => {
      it("accepts the valid config", () => {
        expect(plugin.configSchema.safeParse(options.config()).success).toBe(true);
      });
      for (const bad of options.invalid ?? []) {
        it(`rejects ${bad.name} at pluginConfig.${bad.path.join(".")}`, () => {
          let error: unknown;
          try {
            new TaskEnvironment({ name: envName("invalid"), image: "example.com/img:1", pluginConfig: bad.config() as PluginConfig });
          } catch (err) {
            error = err;
          }
          expect(error).toBeInstanceOf(FlyteTsError);
          const issues = (error as ConfigError).issues ?? [];
          const wanted = issues.find((i) => {
            const path = i.path[0] === "pluginConfig" ? i.path.slice(1) : i.path;
            return JSON.stringify(path) === JSON.stringify(bad.path);
          });
          expect(wanted, `issues were ${JSON.stringify(issues)}`).toBeDefined();
          if (bad.message) expect(wanted!.message).toContain(bad.message);
        });
      }
    });

    describe("serializer", () => {
      it("writes custom that a google.protobuf.Struct holds unchanged", () => {
        const custom = plugin.customConfig(plugin.configSchema.parse(options.config()), sctx());
        const roundTripped = toJson(StructSchema, fromJson(StructSchema, custom as never));
        expect(roundTripped).toEqual(custom);
        if (options.expectedCustom) expect(custom).toEqual(options.expectedCustom);
      });

      it("puts that custom and its task type into the serialized task", () => {
        const env = new TaskEnvironment({ name: envName("serialize"), image: "example.com/img:1", pluginConfig: options.config() });
        const task = env.task(async function work() { return 1; });
        const template = taskSpecToJson(serializeTask(task, sctx())).taskTemplate as Record<string, unknown>;
        expect(template.type).toBe(plugin.taskType);
        const custom = plugin.customConfig(plugin.configSchema.parse(options.config()), sctx());
        if (Object.keys(custom).length > 0) expect(template.custom).toEqual(JSON.parse(JSON.stringify(custom)));
        else expect(template.custom).toBeUndefined();
        expect(template.taskTypeVersion ?? 0).toBe(plugin.taskTypeVersion ?? 0);
      });
    });

    // A connector-style plugin (with `execute`) gets the attempt in a local run; the check replaces its
    // `execute` with a spy that calls `runBody`, so no external service is contacted. With
    // `runsLocally: false` the plugin's own pre/post are not called either (the spies stand in for them).
    describe("hooks in a local run", () => {
      const connector = plugin.execute !== undefined;
      const ownHooks = options.runsLocally !== false;
      it(
        connector
          ? "hands the attempt to execute (with the task and its inputs), whose runBody runs pre → body (with pre's data in ctx()) → post; execute's result is the output"
          : "runs pre → body (with pre's data in ctx()) → post (with the output)",
        async () => {
          const events: string[] = [];
          const spy: TaskPlugin<C, any> = {
            ...plugin,
            pre: async (hook) => {
              events.push("pre");
              const data = ownHooks && plugin.pre ? await plugin.pre(hook) : {};
              return { ...data, contractMarker: "from-pre" };
            },
            post: async (hook, output) => {
              events.push(`post:${JSON.stringify(output)}`);
              if (ownHooks && plugin.post) await plugin.post(hook, output);
            },
          };
          if (connector) {
            spy.execute = async (hook, runBody) => {
              events.push(`execute:${hook.task.name}:${JSON.stringify(hook.inputs)}:${ctx()?.mode}`);
              const output = await runBody();
              events.push(`execute returns:${JSON.stringify(output)}`);
              return output;
            };
          }
          unregisterPlugin(plugin.configKind);
          registerPlugin(spy);
          try {
            const env = new TaskEnvironment({ name: envName("hooks"), pluginConfig: options.config() });
            const task = env.task({ inputs: z.object({ x: z.int() }), output: z.int() }, async function body({ x }) {
              events.push(`body:${String(ctx()?.data.contractMarker)}:${ctx()?.mode}`);
              return x * 2;
            });
            await expect(run(task, { x: 21 })).resolves.toBe(42);
            const hooks = ["pre", "body:from-pre:local", "post:42"];
            expect(events).toEqual(connector ? [`execute:${task.settings.name}:{"x":21}:local`, ...hooks, "execute returns:42"] : hooks);
            events.length = 0;
            const failing = env.task(async function fails() {
              events.push("body");
              throw new Error("boom");
            });
            await expect(run(failing)).rejects.toThrow("boom");
            expect(events).toEqual(connector ? [`execute:${failing.settings.name}:{}:local`, "pre", "body"] : ["pre", "body"]);
          } finally {
            unregisterPlugin(plugin.configKind);
            registerPlugin(plugin);
          }
        },
      );
    });

    describe("override", () => {
      it("turns a plain task into this plugin's task, and keeps the original unchanged", () => {
        const env = new TaskEnvironment({ name: envName("override"), image: "example.com/img:1" });
        const plain = env.task(async function plainWork() { return 1; });
        const overridden = plain.override({ pluginConfig: options.config() });
        expect(overridden.settings.plugin).toBe(plugin);
        expect(overridden.settings.taskType).toBe(plugin.taskType);
        expect(plain.settings.taskType).toBe("python");
        const template = taskSpecToJson(serializeTask(overridden, sctx())).taskTemplate as Record<string, unknown>;
        expect(template.type).toBe(plugin.taskType);
      });
    });
  });
}
