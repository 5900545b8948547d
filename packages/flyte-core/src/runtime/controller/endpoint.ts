// Where `a0` finds the control plane (controller contract §2): `_U_EP_OVERRIDE`. A bare `host:port` gets
// `http://` when the endpoint is insecure (`_U_INSECURE`, or a name containing "localhost" or "docker", as
// the reference decides), else `https://`. Cheap on purpose: checked when a0 starts, while the transport and
// its credentials (connection.ts) are only loaded when the body first calls a task.
import { FlyteTsError } from "../../errors.ts";

/** Where and how the in-cluster control plane is reached. */
export interface ControlPlaneEndpoint {
  /** The base URL, with its scheme. */
  baseUrl: string;
  insecure: boolean;
}

export const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());

/** The endpoint from the environment the backend gives the pod, or undefined when `_U_EP_OVERRIDE` is unset. */
export function controlPlaneEndpoint(env: NodeJS.ProcessEnv): ControlPlaneEndpoint | undefined {
  const raw = env._U_EP_OVERRIDE?.trim();
  if (!raw) return undefined;
  const endpoint = raw.replace(/^dns:\/\/\//, "");
  const explicit = /^(https?):\/\//i.exec(endpoint)?.[1]?.toLowerCase();
  const insecure = explicit ? explicit === "http" : truthy(env._U_INSECURE) || /localhost|docker/i.test(endpoint);
  const baseUrl = explicit ? endpoint : `${insecure ? "http" : "https"}://${endpoint}`;
  try {
    new URL(baseUrl);
  } catch {
    throw new FlyteTsError("INVALID_INVOCATION", `_U_EP_OVERRIDE must be host:port or an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ""), insecure };
}
