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
  if (!bundle?.pkl || bundle.tgz) {
    args.push("--resolver", DEFAULT_TASK_RESOLVER, ...loaderArgs(settings, sctx));
  }
  return args;
}

function loaderArgs(settings: TaskSettings, sctx: SerializationContext): string[] {
  if (!sctx.rootDir) {
    throw new FlyteTsError("SERIALIZATION", "Root dir is required for default task resolver when no code bundle is provided (set rootDir in the SerializationContext).");
  }
  if (!settings.sourceFile) {
    throw new FlyteTsError("SERIALIZATION", `Cannot tell which module declares task ${settings.name}; declare it in a module file.`);
  }
  const rel = relative(sctx.rootDir, settings.sourceFile);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new FlyteTsError("SERIALIZATION", `Task ${settings.name} is declared in ${settings.sourceFile}, outside the root dir ${sctx.rootDir}.`);
  }
  return ["mod", rel.split(sep).join("/"), "task", settings.name];
}
