import { ClusterService } from "../../src/gen/flyteidl2/cluster/service_pb.ts";
import type { ServiceRegistration } from "./server.ts";

/** ClusterService.SelectCluster: answers `endpoint()` (the data plane, possibly another server) for every operation. */
export function clusterService(endpoint: () => string, seen: Array<{ operation: number; project: string }> = []): ServiceRegistration {
  return (router) =>
    router.service(ClusterService, {
      async selectCluster(req) {
        seen.push({ operation: req.operation, project: req.resource.case === "projectId" ? req.resource.value.name : "" });
        return { clusterEndpoint: endpoint() };
      },
    });
}
