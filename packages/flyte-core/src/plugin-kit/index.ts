/**
 * Building blocks for plugin authors, so that every plugin derives what the backend does the same way:
 * the pod the backend builds from a serialized task (`taskPod`, `kubernetesResources`,
 * `withFlytePodDefaults`, `addSharedMemory`, `objectName`) for `render` previews; the plugin's identity
 * from its package.json (`readPluginPackage`); and, for engines driven from a task body through Python,
 * finding the engine's interpreter (`findEnginePython`, `requireEnginePython`) and running a Python child
 * (`runPythonChild`).
 *
 * It imports only Node built-ins and core's error class, so nothing heavy loads with it; the root entry
 * `@flyte-ts/core` does not load it.
 *
 * @module @flyte-ts/core/plugin-kit
 */
export { taskPod, withFlytePodDefaults, type TaskPod, type KubernetesJson } from "./task-pod.ts";
export { kubernetesResources, type KubernetesResources, type ProtoResourceEntries } from "./kubernetes-resources.ts";
export { addSharedMemory, type SharedMemoryJson } from "./shared-memory.ts";
export { objectName } from "./object-name.ts";
export { readPluginPackage, type PluginPackage } from "./plugin-package.ts";
export { findEnginePython, requireEnginePython, type PythonEngine } from "./engine-python.ts";
export { runPythonChild, tracebackTail, type PythonChildOptions, type PythonChildResult } from "./python-child.ts";
