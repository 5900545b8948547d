import { withFlytePodDefaults } from "@flyte-ts/core/plugin-kit";

type Json = Record<string, unknown>;

// The platform defaults the backend applies when a container sets neither request nor limit
// (flytek8s config: cpu 1000m, memory 1024Mi), written as Kubernetes writes those quantities.
const DEFAULT_REQUESTS: Record<string, string> = { cpu: "1", memory: "1Gi" };

/**
 * The primary container's resources as the executor resolves them: a request or limit given alone is
 * used for both, and cpu/memory get the platform defaults when neither is set.
 */
export function resolveResources(resources: Json | undefined): { requests: Record<string, string>; limits: Record<string, string> } {
  const requests = { ...((resources?.requests ?? {}) as Record<string, string>) };
  const limits = { ...((resources?.limits ?? {}) as Record<string, string>) };
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits), "cpu", "memory"])) {
    if (requests[name] === undefined && limits[name] !== undefined) requests[name] = limits[name];
    else if (limits[name] === undefined && requests[name] !== undefined) limits[name] = requests[name];
    else if (requests[name] === undefined && DEFAULT_REQUESTS[name]) requests[name] = limits[name] = DEFAULT_REQUESTS[name];
  }
  return { requests, limits };
}

/**
 * The pod spec the backend puts into a driver/executor template when the user gave none: Flyte's own
 * pod spec for the task, with the primary container renamed to Spark's container name and its
 * command and args cleared (Spark supplies them). Sidecars are kept as they are. Flyte's pod builder
 * sets restartPolicy Never (unless the task's pod sets one) and turns service links off.
 */
export function flytePodSpecFor(sparkContainer: string, primary: Json, podSpec: Json | undefined, primaryName: string | undefined): Json {
  const { command: _command, args: _args, ...rest } = primary;
  const container: Json = {
    ...rest,
    name: sparkContainer,
    resources: resolveResources(primary.resources as Json | undefined),
    terminationMessagePolicy: (primary.terminationMessagePolicy as string | undefined) ?? "FallbackToLogsOnError",
  };
  if (!podSpec) return withFlytePodDefaults({ containers: [container] });
  const containers = ((podSpec.containers ?? []) as Json[]).map((c) => (c.name === primaryName ? container : c));
  return withFlytePodDefaults({ ...structuredClone(podSpec), containers });
}
