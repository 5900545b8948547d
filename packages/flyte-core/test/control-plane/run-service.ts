import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { RunIdentifierSchema, type ActionIdentifier, type RunIdentifier } from "../../src/gen/flyteidl2/common/identifier_pb.ts";
import { ExecutionError_ErrorKind } from "../../src/gen/flyteidl2/core/execution_pb.ts";
import { InputsSchema, OutputsSchema, type Inputs, type Outputs } from "../../src/gen/flyteidl2/task/common_pb.ts";
import type { TaskIdentifier, TaskSpec } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";
import {
  AbortInfoSchema, ActionDetailsSchema, ActionSchema, ActionType, ErrorInfo_Kind, type ActionDetails,
} from "../../src/gen/flyteidl2/workflow/run_definition_pb.ts";
import { RunService } from "../../src/gen/flyteidl2/workflow/run_service_pb.ts";
import { ActionPhase, isTerminal, type ActionStore, type StoredAction } from "./action-store.ts";
import type { ActionDataSource } from "./dataproxy-service.ts";
import type { ActionExecutor } from "./executor.ts";
import type { ServiceRegistration } from "./server.ts";
import { projectNotFound, taskKey, taskNotFound, type FakeState } from "./state.ts";

/** Switches of the RunService a test can flip. */
export interface RunServiceBehaviour {
  /** The next N WatchActionDetails streams end right after their first message, before a terminal phase. */
  watchEndsEarly?: number;
}

/**
 * RunService on the child-action helper's store and executor: CreateRun makes the root action "a0" (inline
 * spec, or the deployed spec by task id) and starts it through the real a0; WatchActionDetails streams the
 * action's details until a terminal phase (one message and the end for a finished action); GetRunDetails,
 * AbortRun, GetActionData; and the ActionDataSource the DataProxy's GetActionData and TailLogs read.
 */
export function runService(
  state: FakeState,
  store: ActionStore,
  executor: ActionExecutor,
  behaviour: RunServiceBehaviour = {},
): { register: ServiceRegistration; source: ActionDataSource } {
  const rootOf = (runId: RunIdentifier | undefined): StoredAction => {
    const action = runId?.name ? store.get(runId.name, "a0") : undefined;
    if (!action || action.id.run?.project !== runId!.project || action.id.run?.domain !== runId!.domain) {
      throw new ConnectError(`run not found: ${runId?.project ?? ""}/${runId?.domain ?? ""}/${runId?.name ?? ""}`, Code.NotFound);
    }
    return action;
  };
  const actionOf = (id: ActionIdentifier | undefined): StoredAction => {
    const root = rootOf(id?.run);
    const action = id!.name === "a0" ? root : store.get(root.run, id!.name);
    if (!action) throw new ConnectError("action not found: action not found", Code.NotFound);
    return action;
  };

  const register: ServiceRegistration = (router) =>
    router.service(RunService, {
      async createRun(req) {
        let runId: RunIdentifier;
        if (req.id.case === "runId") {
          runId = req.id.value;
          // The OSS server's rule: a DNS-1035 label of at most 30 characters.
          if (runId.name.length > 30) throw new ConnectError(`invalid run name ${JSON.stringify(runId.name)}: must be no more than 30 characters`, Code.InvalidArgument);
          if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(runId.name)) {
            throw new ConnectError(`invalid run name ${JSON.stringify(runId.name)}: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character`, Code.InvalidArgument);
          }
        }
        else if (req.id.case === "projectId") {
          const p = req.id.value;
          runId = create(RunIdentifierSchema, { org: p.organization, project: p.name, domain: p.domain, name: runName() });
        } else throw new ConnectError("run_id or project_id is required", Code.InvalidArgument);
        if (!state.hasProject(runId.project)) throw new ConnectError(projectNotFound(runId.project), Code.NotFound);
        const existing = store.get(runId.name, "a0");
        if (existing) return { run: { action: actionMessage(existing) } }; // a duplicate name returns the existing run
        let spec: TaskSpec;
        let taskId: TaskIdentifier | undefined;
        if (req.task.case === "taskSpec") spec = req.task.value;
        else if (req.task.case === "taskId") {
          const found = state.tasks.get(taskKey(req.task.value));
          // The OSS server passes its repository's error through: code unknown.
          if (!found) throw new ConnectError(taskNotFound(req.task.value), Code.Unknown);
          spec = found.spec;
          taskId = found.id;
        } else throw new ConnectError("task_id or task_spec is required", Code.InvalidArgument);
        const runBase = join(state.storageDir, "runs", runId.project, runId.domain, runId.name);
        // The action's input URI is a folder holding inputs.pb, as on the OSS server: the offloaded folder
        // UploadInputs returned, or (inline inputs) <run>/inputs, where the backend writes inputs.pb itself.
        let inputUri: string;
        if (req.inputWrapper.case === "offloadedInputData") inputUri = req.inputWrapper.value.uri;
        else {
          const folder = join(runBase, "inputs");
          mkdirSync(folder, { recursive: true });
          writeFileSync(join(folder, "inputs.pb"), toBinary(InputsSchema, req.inputWrapper.value ?? create(InputsSchema, {})));
          inputUri = pathToFileURL(folder).href;
        }
        const action = store.create({ id: { $typeName: "flyteidl2.common.ActionIdentifier", run: runId, name: "a0" }, spec, ...(taskId ? { taskId } : {}), inputUri, runOutputBase: `file://${runBase}/` });
        void executor.start(action.run, "a0");
        return { run: { action: actionMessage(action) } };
      },
      async getRunDetails(req) {
        const action = rootOf(req.runId);
        return { details: { action: detailsOf(action) } };
      },
      async getActionDetails(req) {
        return { details: detailsOf(actionOf(req.actionId)) };
      },
      async *watchActionDetails(req, context) {
        const action = actionOf(req.actionId);
        const endEarly = (behaviour.watchEndsEarly ?? 0) > 0;
        if (endEarly) behaviour.watchEndsEarly! -= 1;
        const queue: ActionDetails[] = [];
        let wake: (() => void) | undefined;
        const sub = store.subscribe({ run: action.run, parent: action.name }, (changed) => {
          if (changed.name !== action.name) return;
          queue.push(detailsOf(changed));
          wake?.();
        });
        try {
          let last = detailsOf(action);
          yield { details: last };
          // The OSS server closes the stream once the latest attempt is terminal (not when the action's phase is:
          // an action aborted while queued has no attempt, and its stream stays open).
          if (latestAttemptIsTerminal(last) || endEarly) return;
          for (;;) {
            while (queue.length === 0) {
              await new Promise<void>((r) => {
                wake = r;
                context.signal.addEventListener("abort", () => r(), { once: true });
              });
              if (context.signal.aborted) return;
            }
            const next = queue.shift()!;
            if (latestAttemptIsTerminal(next) && !isTerminal(last.status!.phase)) {
              // The attempt's terminal event is recorded before the action's status is updated: the stream
              // shows the old phase with the attempt ended, and closes. A new subscription sees the final status.
              yield { details: create(ActionDetailsSchema, { ...next, status: { ...next.status!, phase: last.status!.phase }, result: { case: undefined } }) };
              return;
            }
            last = next;
            yield { details: next };
            if (latestAttemptIsTerminal(next)) return;
          }
        } finally {
          sub.unsubscribe();
        }
      },
      async abortRun(req) {
        const action = rootOf(req.runId);
        await executor.abort(action.run, "a0", req.reason ?? "aborted");
        return {};
      },
      async abortAction(req) {
        const action = actionOf(req.actionId);
        await executor.abort(action.run, action.name, req.reason || "aborted");
        return {};
      },
      async getActionData(req) {
        return source.actionData(req.actionId!);
      },
    });

  const source: ActionDataSource = {
    actionData(id) {
      const action = actionOf(id);
      const out: { inputs?: Inputs; outputs?: Outputs } = {};
      const inputsPath = join(fileURLToPath(action.inputUri).replace(/\/inputs\.pb$/, ""), "inputs.pb");
      if (existsSync(inputsPath)) out.inputs = fromBinary(InputsSchema, readFileSync(inputsPath));
      if (action.phase === ActionPhase.SUCCEEDED && action.outputUri) {
        const bytes = readFileSync(join(fileURLToPath(action.outputUri), "outputs.pb"));
        out.outputs = fromBinary(OutputsSchema, bytes);
      }
      return out;
    },
    async *logs(id, attempt) {
      const action = actionOf(id);
      const wanted = attempt > 0 ? attempt : Math.max(1, action.attempts);
      let sentOut = 0;
      let sentErr = 0;
      for (;;) {
        const log = executor.logs(action.run, action.name).find((l) => l.attempt === wanted);
        // As the OSS server: an attempt that has not started (no event yet) has no logs to tail, right away.
        if (!log) throw new ConnectError(`no event found for action ${action.name} of run ${action.run} attempt ${wanted}`, Code.NotFound);
        const ended = log.exitCode !== null || log.signal !== null;
        const lines: string[] = [];
        const take = (text: string, from: number): number => {
          const upto = ended ? text.length : text.lastIndexOf("\n") + 1;
          if (upto > from) lines.push(...text.slice(from, upto).replace(/\n$/, "").split("\n"));
          return Math.max(from, upto);
        };
        sentOut = take(log.stdout, sentOut);
        sentErr = take(log.stderr, sentErr);
        if (lines.length > 0) yield lines;
        if (ended) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  return { register, source };
}

function actionMessage(action: StoredAction) {
  return create(ActionSchema, {
    id: action.id,
    metadata: { actionType: ActionType.TASK, spec: { case: "task", value: { id: action.taskId, taskType: action.spec.taskTemplate?.type ?? "", shortName: action.spec.taskTemplate?.id?.name ?? "" } } },
    // The OSS server counts the first attempt from the start: a queued action has attempts 1.
    status: { phase: action.phase, attempts: Math.max(1, action.attempts), startTime: timestampFromDate(action.createdAt) },
  });
}

/** ActionDetails as the backend reports them: status, error or abort info, attempts with their output URI. */
export function detailsOf(action: StoredAction): ActionDetails {
  const message = actionMessage(action);
  const attempts = Array.from({ length: action.attempts }, (_, i) => {
    const n = i + 1;
    const last = n === action.attempts;
    return {
      attempt: n,
      phase: last ? action.phase : ActionPhase.FAILED,
      logsAvailable: true,
      // The executor reports the outputs.pb object itself (and the report beside it), not the folder.
      ...(last && action.outputUri ? { outputs: { outputUri: `${action.outputUri}/outputs.pb`, reportUri: `${action.outputUri}/report.html` } } : {}),
    };
  });
  let result: ActionDetails["result"] = { case: undefined };
  if (action.phase === ActionPhase.ABORTED) result = { case: "abortInfo", value: create(AbortInfoSchema, { reason: action.error?.message ?? "aborted" }) };
  else if (action.error && (action.phase === ActionPhase.FAILED || action.phase === ActionPhase.TIMED_OUT)) {
    const kind = action.error.kind === ExecutionError_ErrorKind.USER ? ErrorInfo_Kind.USER : action.error.kind === ExecutionError_ErrorKind.SYSTEM ? ErrorInfo_Kind.SYSTEM : ErrorInfo_Kind.UNSPECIFIED;
    result = { case: "errorInfo", value: { $typeName: "flyteidl2.workflow.ErrorInfo", message: `${action.error.code}: ${action.error.message}`, kind } };
  }
  return create(ActionDetailsSchema, {
    id: action.id,
    metadata: message.metadata,
    status: message.status,
    result,
    spec: { case: "task", value: action.spec },
    attempts,
  });
}

/** Whether the attempt with the highest number has ended (the OSS server's rule for closing a watch). */
function latestAttemptIsTerminal(details: ActionDetails): boolean {
  const latest = details.attempts.reduce<ActionDetails["attempts"][number] | undefined>((a, b) => (!a || b.attempt > a.attempt ? b : a), undefined);
  return latest !== undefined && isTerminal(latest.phase);
}

/** A run name as the OSS server generates it: "r" and 19 lower-case letters and digits. */
function runName(): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return `r${Array.from(randomBytes(19), (b) => alphabet[b % alphabet.length]).join("")}`;
}
