// Loaded by `a0` only when `_U_EP_OVERRIDE` is set (contract §1-2), and light: Connect, the credentials and
// the controller itself are loaded when the body first calls a task, so an action that calls none (most of
// them, in a cluster that sets `_U_EP_OVERRIDE` for every pod) pays nothing for them.
import { currentGroup } from "../../run/group.ts";
import { setNestedCallDispatcher } from "../../run/nested-calls.ts";
import type { SerializationContext } from "../../serialize/context.ts";
import type { ObjectStorage } from "../storage/index.ts";
import { controlPlaneEndpoint } from "./endpoint.ts";
import { missingConnectError } from "./missing-connect.ts";
import type { ParentAction, RemoteController } from "./remote-controller.ts";

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
  // A malformed endpoint fails the action at start, before the body runs.
  controlPlaneEndpoint(options.env);
  let controller: Promise<RemoteController> | undefined;
  let closed = false;
  const connect = () =>
    (controller ??= (async () => {
      const [{ RemoteController }, { inClusterConnection }] = await Promise.all([import("./remote-controller.ts"), import("./connection.ts")])
        .catch((err: unknown) => {
          throw missingConnectError(err) ?? err;
        });
      const connection = inClusterConnection(options.env);
      options.log(`child actions go to ${connection.baseUrl} (credentials: ${connection.credentials})`);
      const created = new RemoteController({
        transport: connection.transport,
        parent: options.parent,
        serialization: options.serialization,
        storageFor: options.storageFor,
        log: options.log,
      });
      if (closed) created.close();
      return created;
    })());
  setNestedCallDispatcher((task, inputs) => {
    const group = currentGroup(); // read before any await: the group is the caller's
    return connect().then((c) => c.submit(task, inputs, group));
  });
  return {
    abortRunning: async (reason) => (controller ? (await controller.catch(() => undefined))?.abortRunning(reason) ?? [] : []),
    close: () => {
      closed = true;
      setNestedCallDispatcher(undefined);
      void controller?.then((c) => c.close(), () => undefined);
    },
  };
}
