import type { RenderedResource } from "@flyte-ts/core";
import { JOBS_API_PATH, baseUrlOf } from "../connector/connector.ts";
import { INSTANCE_ENVS, TOKEN_ENV } from "../connector/credentials.ts";
import { buildRunsSubmitBody } from "../connector/submit-body.ts";
import { TOKEN_SECRET_KEY } from "../serialize/custom.ts";

type Json = Record<string, unknown>;

/**
 * The runs/submit request a Databricks task makes, for `flyte-ts render`: endpoint, headers and body.
 * The token is never known here; the Authorization header names the secret that holds it.
 */
export function renderRunsSubmit(taskSpec: Record<string, unknown>): RenderedResource[] {
  const template = (taskSpec.taskTemplate ?? taskSpec) as Json;
  const custom = (template.custom ?? {}) as Json;
  const taskName = String((template.id as Json | undefined)?.name ?? "task");
  // Without an instance in the config, the workspace comes from the environment at submission.
  const instance = typeof custom.databricksInstance === "string" ? custom.databricksInstance : `<${INSTANCE_ENVS.map((name) => `$${name}`).join(" or ")}>`;
  const secret = (custom.secrets as Json | undefined)?.[TOKEN_SECRET_KEY];
  const tokenSource = typeof secret === "string" ? `secret ${secret}` : `$${TOKEN_ENV}`;
  return [{
    name: `${taskName}.runs-submit`,
    resource: {
      method: "POST",
      url: `${baseUrlOf(instance)}${JOBS_API_PATH}/runs/submit`,
      headers: { Authorization: `Bearer <redacted: the value of ${tokenSource}>`, "Content-Type": "application/json" },
      body: buildRunsSubmitBody(template),
    },
  }];
}
