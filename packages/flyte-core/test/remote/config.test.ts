import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RemoteError, configSearchPaths, consoleUrl, decodeApiKey, normalizeEndpoint, orgFromEndpoint, resolveRemoteConfig } from "../../src/remote/index.ts";

let dir: string;
let cwd: string;
let home: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "remote-config-"));
  cwd = join(dir, "repo", "sub");
  home = join(dir, "home");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(join(dir, "repo", ".git"));
  mkdirSync(join(home, ".flyte"), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const apiKey = (text: string) => Buffer.from(text).toString("base64");
const err = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as RemoteError;
  }
  throw new Error("expected an error");
};

describe("configuration: the Python SDK's files, search order, keys and FLYTE_* overrides", () => {
  it("searches ./config.yaml, ./.flyte, <git root>/.flyte, $UCTL_CONFIG, $FLYTECTL_CONFIG, ~/.union, ~/.flyte in that order", () => {
    expect(configSearchPaths({ UCTL_CONFIG: "/u.yaml", FLYTECTL_CONFIG: "/f.yaml" }, cwd, home)).toEqual([
      join(cwd, "config.yaml"),
      join(cwd, ".flyte", "config.yaml"),
      join(dir, "repo", ".flyte", "config.yaml"),
      "/u.yaml",
      "/f.yaml",
      join(home, ".union", "config.yaml"),
      join(home, ".flyte", "config.yaml"),
    ]);
    write(join(home, ".flyte", "config.yaml"), "admin:\n  endpoint: dns:///home.example.com\n");
    expect(resolveRemoteConfig({}, {}, cwd, home).endpoint).toBe("https://home.example.com");
    write(join(dir, "repo", ".flyte", "config.yaml"), "admin:\n  endpoint: localhost:30080\n  insecure: true\ntask:\n  project: flytesnacks\n  domain: development\n");
    const c = resolveRemoteConfig({}, {}, cwd, home);
    expect([c.endpoint, c.insecure, c.authType, c.project, c.domain, c.org, c.configFile]).toEqual([
      "http://localhost:30080", true, "None", "flytesnacks", "development", "", join(dir, "repo", ".flyte", "config.yaml"),
    ]);
  });

  it("FLYTE_<SECTION>_<KEY> overrides the file; options (flags) override both", () => {
    const file = write(join(cwd, "config.yaml"), "admin:\n  endpoint: https://file.example.com\n  insecure: false\ntask:\n  project: p-file\n  domain: d-file\n  org: o-file\nconsole:\n  endpoint: https://console.example.com\n");
    const env = { FLYTE_ADMIN_ENDPOINT: "env.example.com:443", FLYTE_TASK_PROJECT: "p-env" };
    const c = resolveRemoteConfig({}, env, cwd, home);
    expect([c.endpoint, c.project, c.domain, c.org, c.configFile]).toEqual(["https://env.example.com", "p-env", "d-file", "o-file", file]);
    const f = resolveRemoteConfig({ endpoint: "http://127.0.0.1:8090", project: "p-flag", domain: "d-flag", org: "" }, env, cwd, home);
    expect([f.endpoint, f.project, f.domain, f.org]).toEqual(["http://127.0.0.1:8090", "p-flag", "d-flag", ""]);
    expect(consoleUrl(c, { project: "p", domain: "development", name: "r1" })).toBe("https://console.example.com/v2/domain/development/project/p/runs/r1");
  });

  it("endpoints: http(s) kept, dns:/// and host:port by insecure; org from a host of more than two labels", () => {
    expect(normalizeEndpoint("dns:///flyte.example.com:443", false)).toBe("https://flyte.example.com");
    expect(normalizeEndpoint("localhost:30080", true)).toBe("http://localhost:30080");
    expect(normalizeEndpoint("http://h:1/", false)).toBe("http://h:1");
    expect(orgFromEndpoint("https://acme.hosted.example.com")).toBe("acme");
    expect(orgFromEndpoint("https://example.com")).toBe("");
    expect(orgFromEndpoint("http://127.0.0.1:8090")).toBe("");
    expect(err(() => normalizeEndpoint("http://", false)).code).toBe("REMOTE_CONFIG");
  });

  it("FLYTE_API_KEY (base64 endpoint:client_id:client_secret:org) implies client credentials", () => {
    expect(decodeApiKey(apiKey("dns:///acme.example.com:443:my-app:s3cr3t-value:acme"))).toEqual({
      endpoint: "dns:///acme.example.com:443", clientId: "my-app", clientSecret: "s3cr3t-value", org: "acme",
    });
    const c = resolveRemoteConfig({}, { FLYTE_API_KEY: apiKey("acme.example.com:my-app:s3cr3t-value:None") }, cwd, home);
    expect([c.endpoint, c.authType, c.clientId, c.clientSecret, c.org]).toEqual(["https://acme.example.com", "ClientSecret", "my-app", "s3cr3t-value", "acme"]);
    const bad = err(() => resolveRemoteConfig({}, { FLYTE_API_KEY: apiKey("only:two-secret-part") }, cwd, home));
    expect(bad.code).toBe("REMOTE_CONFIG");
    expect(bad.message).not.toContain("two-secret-part");
  });

  it("client secrets come from clientSecretLocation or clientSecretEnvVar; ExternalCommand needs a command", () => {
    const secretFile = write(join(dir, "secret"), "file-secret-value\n");
    write(join(cwd, "config.yaml"), `admin:\n  endpoint: https://x.example.com\n  authType: ClientSecret\n  clientId: app\n  clientSecretLocation: ${secretFile}\n  scopes: [all, offline]\n`);
    const c = resolveRemoteConfig({}, {}, cwd, home);
    expect([c.authType, c.clientId, c.clientSecret, c.scopes]).toEqual(["ClientSecret", "app", "file-secret-value", ["all", "offline"]]);
    write(join(cwd, "config.yaml"), "admin:\n  endpoint: https://x.example.com\n  authType: clientsecret\n  clientId: app\n  clientSecretEnvVar: MY_SECRET\n");
    expect(resolveRemoteConfig({}, { MY_SECRET: "env-secret-value" }, cwd, home).clientSecret).toBe("env-secret-value");
    expect(err(() => resolveRemoteConfig({}, {}, cwd, home)).message).toContain("names MY_SECRET, which is not set");
    write(join(cwd, "config.yaml"), "admin:\n  endpoint: https://x.example.com\n  authType: ExternalCommand\n");
    expect(err(() => resolveRemoteConfig({}, {}, cwd, home)).message).toContain("admin.authType ExternalCommand needs admin.command");
    const ext = resolveRemoteConfig({}, { FLYTE_AUTH_COMMAND: "print-token --audience flyte" }, cwd, home);
    expect([ext.authType, ext.command]).toEqual(["ExternalCommand", ["print-token", "--audience", "flyte"]]);
    const typed = resolveRemoteConfig({}, { FLYTE_AUTH_TYPE: "ExternalCommand", FLYTE_AUTH_COMMAND: '["a b", "c"]' }, cwd, home);
    expect(typed.command).toEqual(["a b", "c"]);
    expect(resolveRemoteConfig({}, { FLYTE_TS_AUTH_TOKEN: "static-token-value" }, cwd, home).authType).toBe("Token");
    expect(resolveRemoteConfig({ insecure: true }, { FLYTE_TS_AUTH_TOKEN: "static-token-value" }, cwd, home).authType).toBe("None");
  });

  it("bad values name the key, the file and the allowed values", () => {
    const file = write(join(cwd, "config.yaml"), "admin:\n  endpoint: https://x.example.com\n  authType: Kerberos\n  insecure: maybe\n");
    expect(err(() => resolveRemoteConfig({}, {}, cwd, home)).message).toBe(`admin.insecure (${file}) must be true or false, got "maybe"`);
    write(join(cwd, "config.yaml"), "admin:\n  endpoint: https://x.example.com\n  authType: Kerberos\n");
    expect(err(() => resolveRemoteConfig({}, {}, cwd, home)).message).toBe(
      `admin.authType (${file}) must be one of "None", "ClientSecret", "ExternalCommand", "Token", "Pkce", "DeviceFlow", "Passthrough", got "Kerberos"`,
    );
    expect(err(() => resolveRemoteConfig({ configFile: join(dir, "nope.yaml") }, {}, cwd, home)).message).toBe(`config file ${join(dir, "nope.yaml")} does not exist`);
  });
});
