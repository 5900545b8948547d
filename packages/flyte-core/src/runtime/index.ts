/**
 * The runtime: what runs a serialized task in its container. `runAction` is what the `a0` executable does
 * (unpack the code bundle, load the task, read inputs.pb, run the body, write outputs.pb or error.pb);
 * `storageFor` opens the object storage of a URI (local files, S3, GCS, Azure Blob); `loadTasks` imports a
 * user module and returns the tasks it declares. Declaring and serializing tasks needs none of this: the
 * root entry point `@flyte-ts/core` loads no runtime code.
 *
 * @module @flyte-ts/core/runtime
 */
export { runAction, oneStoragePerScheme, A0_EXIT, type RunActionOptions } from "./run-action.ts";
export {
  storageFor, joinUri, parseStorageUri, StorageError,
  type ObjectStorage, type StorageOptions, type StorageUri, type StorageScheme, type StorageOperation, type StorageFailure,
  type StorageErrorInit, type RetryNotice, type Sleep, type ModuleLoader,
} from "./storage/index.ts";
export { loadTasks, findTask } from "../module/load-tasks.ts";
export { importUserModule, type ImportUserModuleOptions } from "../module/import-module.ts";
export { NonRecoverableError } from "./non-recoverable-error.ts";
export { ChildActionError, type ChildActionErrorDetails, type ChildActionFailureKind } from "./controller/child-action-error.ts";
