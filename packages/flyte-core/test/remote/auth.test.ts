import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FlyteRemote, RemoteError, deploy, externalCommandToken } from "../../src/remote/index.ts";
import { FAKE_AUDIENCE } from "../control-plane/auth-service.ts";
import { startFakeControlPlane, type FakeControlPlane } from "../control-plane/fake-control-plane.ts";
import { add } from "./project/tasks.ts";

const projectDir = join(import.meta.dirname, "project");
const SECRET = "client-secret-Zq9/x+y";
let fake: FakeControlPlane;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "remote-auth-"));
  fake = await startFakeControlPlane({ storageDir: join(dir, "store"), clients: { "ci-app": SECRET }, behaviour: { requireAuth: true } });
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const apiKey = (secret: string) => Buffer.from(`${fake.url}:ci-app:${secret}:None`).toString("base64");
const remote = (env: Record<string, string>) =>
  new FlyteRemote({ project: "flytesnacks", domain: "development", env, tokenCacheDir: join(dir, "tokens"), transport: { backoffMs: 1, sleep: async () => {} } });

describe("auth against the fake control plane", { timeout: 30_000 }, () => {
  it("as the OSS server without OAuth2 settings (GetOAuth2Metadata UNIMPLEMENTED with a message): an AUTH error saying it has no OAuth2, not a wrong endpoint", async () => {
    fake.behaviour.oauthUnconfigured = true;
    fake.behaviour.requireAuth = false;
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_API_KEY: apiKey(SECRET) }) }).catch((e: unknown) => e)) as RemoteError;
    expect([err.code, err.rpc, err.status]).toEqual(["AUTH", "flyteidl2.auth.AuthMetadataService/GetOAuth2Metadata", "unimplemented"]);
    expect(err.message).toBe(
      `${fake.url} has no OAuth2 configured (server said: oauth2 metadata is not configured; set runs.authMetadata.externalAuthServerBaseUrl), ` +
        "so credentials (FLYTE_API_KEY, admin.authType ClientSecret) cannot be used there. If it runs without authentication, set admin.insecure: true (or pass --insecure) and drop the credentials.",
    );
    expect(fake.tokenRequests).toEqual([]);
  });

  it("FLYTE_API_KEY: discovers the token endpoint, gets a token with client credentials, caches it 0600 per endpoint", async () => {
    const result = await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_API_KEY: apiKey(SECRET) }) });
    expect(result.tasks[0]!.status).toBe("deployed");
    expect(fake.tokenRequests).toEqual([{ grant_type: "client_credentials", scope: "all", audience: FAKE_AUDIENCE }]);
    const files = readdirSync(join(dir, "tokens"));
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, "tokens", files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "tokens")).mode & 0o777).toBe(0o700);
    // A second client reuses the cached token: no new token request.
    await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_API_KEY: apiKey(SECRET) }) });
    expect(fake.state.tokensIssued).toBe(1);
  });

  it("UNAUTHENTICATED (an expired token) gets one refresh and the call is repeated", async () => {
    await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_API_KEY: apiKey(SECRET) }), version: "a" });
    fake.state.validTokens.clear(); // every issued token expires
    const result = await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_API_KEY: apiKey(SECRET) }), version: "b" });
    expect(result.tasks[0]!.status).toBe("deployed");
    expect(fake.state.tokensIssued).toBe(2);
  });

  it("wrong client credentials: an AUTH error that names the client but never the secret", async () => {
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_API_KEY: apiKey("wrong-secret-value") }) }).catch((e: unknown) => e)) as RemoteError;
    expect(err.code).toBe("AUTH");
    expect(err.message).toBe(`the token endpoint ${fake.url} refused client ci-app (invalid_client: bad client credentials); check admin.clientId and its secret, or FLYTE_API_KEY`);
  });

  it("no credentials against a server that needs them: says how to configure them", async () => {
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_ADMIN_ENDPOINT: fake.url }) }).catch((e: unknown) => e)) as RemoteError;
    expect(err.code).toBe("AUTH");
    expect(err.message).toContain("was refused as unauthenticated (server said: invalid or expired token). Configure credentials: FLYTE_API_KEY");
  });

  it("an external command's token is used, and run again on refresh", async () => {
    const script = join(dir, "print-token.sh");
    const tokens = join(dir, "tokens.txt");
    await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_API_KEY: apiKey(SECRET) }), version: "x" });
    writeFileSync(tokens, [...fake.state.validTokens][0]!);
    writeFileSync(script, `#!/bin/sh\necho "$(cat ${tokens})"\necho ran >> ${join(dir, "runs.log")}\n`);
    chmodSync(script, 0o755);
    const env = { FLYTE_ADMIN_ENDPOINT: fake.url, FLYTE_AUTH_TYPE: "ExternalCommand", FLYTE_AUTH_COMMAND: script };
    await deploy({ tasks: [add], rootDir: projectDir, remote: remote(env), version: "y" });
    expect(readFileSync(join(dir, "runs.log"), "utf8")).toBe("ran\n");
    const failing = externalCommandToken([join(dir, "missing-command")]);
    await expect(failing.token()).rejects.toThrow(`the auth command ${join(dir, "missing-command")} (admin.command) was not found; run it by hand to check that it prints a token`);
  });

  it("a static bearer token (FLYTE_TS_AUTH_TOKEN) that is refused is reported without being printed", async () => {
    const err = (await deploy({ tasks: [add], rootDir: projectDir, remote: remote({ FLYTE_ADMIN_ENDPOINT: fake.url, FLYTE_TS_AUTH_TOKEN: "stale-token-0123456789" }) }).catch((e: unknown) => e)) as RemoteError;
    expect(err.code).toBe("AUTH");
    expect(err.message).toBe("the control plane refused the bearer token (FLYTE_TS_AUTH_TOKEN): it is invalid or expired; set a fresh one");
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain("stale-token-0123456789");
  });
});
