// Loaded by `a0` only when `_U_EP_OVERRIDE` is set (contract §1-2): everything Connect-related stays out
// of local runs and of actions that call no tasks.
import { currentGroup } from "../../run/group.ts";
import { setNestedCallDispatcher } from "../../run/nested-calls.ts";
import type { SerializationContext } from "../../serialize/context.ts";
import type { ObjectStorage } from "../storage/index.ts";
import { type ParentAction, RemoteController } from "./remote-controller.ts";
import { controlPlaneEndpoint, controlPlaneTransport } from "./transport.ts";

export { ChildActionError } from "./child-action-error.ts";

export interface ChildActionsOptions {
  env: NodeJS.ProcessEnv;
  parent: ParentAction;
  serialization: SerializationContext;
  storageFor: (uri: string) => Promise<ObjectStorage>;
  log: (line: string) => void;
}

/** The controller of this action's child actions, while the body runs. */
export interface ChildActions {
  /** The body failed: abort the children still running. */
  abortRunning(reason: string): Promise<string[]>;
  /** The body ended: stop watching and dispatching (children left running are not aborted). */
  close(): void;
}

/**
 * Starts dispatching nested task calls of this process to the control plane as child actions. `a0`
 * aborts the running children when the body fails or the process is told to stop (its process guard
 * handles SIGTERM and then calls {@link ChildActions.abortRunning}).
 */
export function startChildActions(options: ChildActionsOptions): ChildActions {
  const endpoint = controlPlaneEndpoint(options.env)!;
  const controller = new RemoteController({
    transport: controlPlaneTransport(endpoint),
    parent: options.parent,
    serialization: options.serialization,
    storageFor: options.storageFor,
    log: options.log,
  });
  options.log(`child actions go to ${endpoint.baseUrl}`);
  setNestedCallDispatcher((task, inputs) => controller.submit(task, inputs, currentGroup()));
  return {
    abortRunning: (reason) => controller.abortRunning(reason),
    close: () => {
      setNestedCallDispatcher(undefined);
      controller.close();
    },
  };
}
