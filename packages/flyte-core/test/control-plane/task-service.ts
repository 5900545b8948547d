import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { TaskDetailsSchema } from "../../src/gen/flyteidl2/task/task_definition_pb.ts";
import { TaskService, type DeployTaskRequest } from "../../src/gen/flyteidl2/task/task_service_pb.ts";
import type { ServiceRegistration } from "./server.ts";
import { projectNotFound, taskKey, type FakeState } from "./state.ts";

/**
 * TaskService.DeployTask / GetTaskDetails. The OSS backend upserts; `alreadyExists()` switches to answering
 * ALREADY_EXISTS for an id already deployed (as other deployments do). A missing project is `not_found`; the domain is
 * not checked (the OSS server deploys into any domain of an existing project).
 */
export function taskService(state: FakeState, alreadyExists: () => boolean = () => false, load: DeployLoad = { inFlight: 0, maxInFlight: 0, delayMs: 0 }): ServiceRegistration {
  return (router) =>
    router.service(TaskService, {
      async deployTask(req) {
        load.inFlight++;
        load.maxInFlight = Math.max(load.maxInFlight, load.inFlight);
        try {
          if (load.delayMs > 0) await new Promise((r) => setTimeout(r, load.delayMs));
          return deployOne(req);
        } finally {
          load.inFlight--;
        }
      },
      async getTaskDetails(req) {
        const found = req.taskId && state.tasks.get(taskKey(req.taskId));
        if (!found) throw new ConnectError(`task not found`, Code.NotFound);
        return { details: create(TaskDetailsSchema, { taskId: found.id, spec: found.spec }) };
      },
    });

  function deployOne(req: DeployTaskRequest) {
    const id = req.taskId;
    if (!id || !id.name || !id.version) throw new ConnectError("task_id with name and version is required", Code.InvalidArgument);
    if (!req.spec?.taskTemplate) throw new ConnectError("spec.task_template is required", Code.InvalidArgument);
    if (!state.hasProject(id.project)) throw new ConnectError(projectNotFound(id.project), Code.NotFound);
    const key = taskKey(id);
    if (alreadyExists() && state.tasks.has(key)) throw new ConnectError(`task ${key} already exists`, Code.AlreadyExists);
    state.tasks.set(key, { id, spec: req.spec });
    return {};
  }
}

/** DeployTask calls in flight (to check the client's bound), and a delay per call. */
export interface DeployLoad {
  inFlight: number;
  maxInFlight: number;
  delayMs: number;
}
