import { relative, isAbsolute, sep } from "node:path";
import { FlyteTsError } from "../errors.ts";
import type { TaskSettings } from "../task/settings.ts";
import type { SerializationContext } from "./context.ts";

/** The resolver `a0` uses to find a task: the module file (relative to the root) and the task's full name. */
export const DEFAULT_TASK_RESOLVER = "flyte_ts.DefaultTaskResolver";

/**
 * Arguments of the task container. The command is empty and the first argument, "a0", is this SDK's
 * runtime executable; the `{{.…}}` placeholders are the reference's, filled in by the backend.
 * See docs/container-args.md.
 */
export function containerArgs(settings: TaskSettings, sctx: SerializationContext): string[] {
  const { prefix, rest } = containerArgParts(settings, sctx);
  return [...prefix, ...rest];
}

/** {@link containerArgs} in two parts: those of the context (the same list for all its tasks), then the task's own. */
export function containerArgParts(settings: TaskSettings, sctx: SerializationContext): { prefix: readonly string[]; rest: readonly string[] } {
  const { args, resolver } = contextArgs(sctx);
  return { prefix: args, rest: resolver ? loaderArgs(settings, sctx) : [] };
}

interface ContextArgs {
  /** The arguments every task serialized in the context starts with. */
  args: readonly string[];
  /** Whether the task's module and name follow (`--resolver`): not for a pickled bundle. */
  resolver: boolean;
}

// A SerializationContext is frozen: the arguments it gives are computed once for all its tasks.
const byContext = new WeakMap<SerializationContext, ContextArgs>();

function contextArgs(sctx: SerializationContext): ContextArgs {
  let cached = byContext.get(sctx);
  if (cached) return cached;
  const args = [
    "a0",
    "--inputs", sctx.inputPath,
    "--outputs-path", sctx.outputPath,
    "--version", sctx.version,
    "--raw-data-path", "{{.rawOutputDataPrefix}}",
    "--checkpoint-path", "{{.checkpointOutputPrefix}}",
    "--prev-checkpoint", "{{.prevCheckpointPrefix}}",
    "--run-name", "{{.runName}}",
    "--name", "{{.actionName}}",
    "--run-start-time", "{{.runStartTime}}",
  ];
  if (sctx.imageCache) args.push("--image-cache", sctx.imageCache.serializedForm);
  const bundle = sctx.codeBundle;
  if (bundle) {
    if (bundle.tgz) args.push("--tgz", bundle.tgz);
    else if (bundle.pkl) args.push("--pkl", bundle.pkl);
    args.push("--dest", bundle.destination ?? ".");
  }
  const resolver = !bundle?.pkl || Boolean(bundle.tgz);
  if (resolver) args.push("--resolver", DEFAULT_TASK_RESOLVER);
  cached = { args: Object.freeze(args), resolver };
  byContext.set(sctx, cached);
  return cached;
}

// Module paths relative to a root dir, by root dir and module file (the tasks of a module share one).
const modulePaths = new Map<string, Map<string, string>>();

function loaderArgs(settings: TaskSettings, sctx: SerializationContext): string[] {
  if (!sctx.rootDir) {
    throw new FlyteTsError("SERIALIZATION", "Root dir is required for default task resolver when no code bundle is provided (set rootDir in the SerializationContext).");
  }
  if (!settings.sourceFile) {
    throw new FlyteTsError("SERIALIZATION", `Cannot tell which module declares task ${settings.name}; declare it in a module file.`);
  }
  let byFile = modulePaths.get(sctx.rootDir);
  if (!byFile) modulePaths.set(sctx.rootDir, (byFile = new Map()));
  let modulePath = byFile.get(settings.sourceFile);
  if (modulePath === undefined) {
    const rel = relative(sctx.rootDir, settings.sourceFile);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new FlyteTsError("SERIALIZATION", `Task ${settings.name} is declared in ${settings.sourceFile}, outside the root dir ${sctx.rootDir}.`);
    }
    modulePath = rel.split(sep).join("/");
    byFile.set(settings.sourceFile, modulePath);
  }
  return ["mod", modulePath, "task", settings.name];
}
