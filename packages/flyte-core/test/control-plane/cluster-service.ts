import { ClusterService } from "../../src/gen/flyteidl2/cluster/service_pb.ts";
import type { ServiceRegistration } from "./server.ts";

/**
 * ClusterService.SelectCluster: answers `endpoint()` (the data plane on another server) for every operation; when
 * that is empty, the address the request was sent to, `http://<Host header>`, as the OSS server does.
 */
export function clusterService(endpoint: () => string, seen: Array<{ operation: number; project: string }> = []): ServiceRegistration {
  return (router) =>
    router.service(ClusterService, {
      async selectCluster(req, context) {
        seen.push({ operation: req.operation, project: req.resource.case === "projectId" ? req.resource.value.name : "" });
        const host = context.requestHeader.get("host");
        return { clusterEndpoint: endpoint() || (host ? `http://${host}` : "") };
      },
    });
}
