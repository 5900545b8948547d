// Where a0's controller sends child actions and which credentials it uses, resolved from the pod's
// environment in the Python SDK's order (controller contract §2). Nothing here is contacted.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RemoteError } from "../../src/remote/errors.ts";
import { inClusterConfig } from "../../src/runtime/controller/connection.ts";

const dir = mkdtempSync(join(tmpdir(), "in-cluster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = (text: string) => Buffer.from(text).toString("base64");
const summary = (env: Record<string, string>) => {
  const { config, credentials } = inClusterConfig(env);
  return { endpoint: config.endpoint, authType: config.authType, clientId: config.clientId, credentials };
};

describe("the in-cluster connection", () => {
  it("the OSS backend's pods: _U_EP_OVERRIDE, insecure, no credentials", () => {
    expect(summary({ _U_EP_OVERRIDE: "flyte-http.flyte:8090", _U_INSECURE: "true", _U_USE_ACTIONS: "1" }))
      .toEqual({ endpoint: "http://flyte-http.flyte:8090", authType: "None", clientId: undefined, credentials: "none" });
  });

  it("an injected API key names its own endpoint, over TLS, and beats _U_EP_OVERRIDE and _U_INSECURE", () => {
    const env = { _U_EP_OVERRIDE: "flyte-http.flyte:8090", _U_INSECURE: "true", _UNION_EAGER_API_KEY: key("dns:///acme.example.com:443:pod-client:p4ss:acme"), EAGER_API_KEY: key("other:1:2:3") };
    expect(summary(env)).toEqual({ endpoint: "https://acme.example.com", authType: "ClientSecret", clientId: "pod-client", credentials: "the API key in _UNION_EAGER_API_KEY" });
    expect(summary({ EAGER_API_KEY: key("https://cp.example.com:pod-client:p4ss:None") }).credentials).toBe("the API key in EAGER_API_KEY");
    expect(inClusterConfig(env).config.clientSecret).toBe("p4ss");
  });

  it("FLYTE_AUTH_TYPE turns the injected API key off (the two never disagree)", () => {
    const env = { _U_EP_OVERRIDE: "cp.example.com:443", _UNION_EAGER_API_KEY: key("dns:///acme.example.com:pod-client:p4ss:acme"), FLYTE_AUTH_TYPE: "ExternalCommand", FLYTE_AUTH_COMMAND: "mint-token --audience flyte" };
    const { config, credentials } = inClusterConfig(env);
    expect([config.endpoint, config.authType, config.command, credentials]).toEqual(["https://cp.example.com", "ExternalCommand", ["mint-token", "--audience", "flyte"], "ExternalCommand from FLYTE_AUTH_TYPE"]);
  });

  it("a mounted config file wins over the API key; _U_EP_OVERRIDE still names the endpoint", () => {
    const file = join(dir, "config.yaml");
    writeFileSync(join(dir, "secret"), "from-file\n");
    writeFileSync(file, `admin:\n  endpoint: dns:///elsewhere.example.com\n  authType: ClientSecret\n  clientId: mounted\n  clientSecretLocation: ${join(dir, "secret")}\n`);
    const env = { UCTL_CONFIG: file, _U_EP_OVERRIDE: "cp.internal:8443", _UNION_EAGER_API_KEY: key("dns:///acme.example.com:pod-client:p4ss:acme") };
    expect(summary(env)).toEqual({ endpoint: "https://cp.internal:8443", authType: "ClientSecret", clientId: "mounted", credentials: `ClientSecret from config file ${file}` });
    expect(inClusterConfig(env).config.clientSecret).toBe("from-file");
    expect(summary({ FLYTECTL_CONFIG: file }).endpoint).toBe("https://elsewhere.example.com");
  });

  it("a config file that is not there is an error naming it (no silent fallback to the API key)", () => {
    expect(() => inClusterConfig({ FLYTECTL_CONFIG: join(dir, "missing.yaml"), EAGER_API_KEY: key("dns:///a.example.com:c:s:o") }))
      .toThrow(new RemoteError("REMOTE_CONFIG", `config file ${join(dir, "missing.yaml")} does not exist`));
  });

  it("a malformed API key is refused without echoing it", () => {
    const bad = key("no-colons-here-secret");
    let message = "";
    try {
      inClusterConfig({ _UNION_EAGER_API_KEY: bad });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe("_UNION_EAGER_API_KEY is not a valid API key: expected base64 of endpoint:client_id:client_secret:org");
    expect(message).not.toContain(bad);
  });
});
