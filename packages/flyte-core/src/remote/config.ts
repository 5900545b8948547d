import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { RemoteError } from "./errors.ts";

/**
 * How the client authenticates. The names are the Python SDK's `admin.authType` values, plus "None"
 * (insecure endpoints) and "Token" (a static bearer token from `FLYTE_TS_AUTH_TOKEN` or {@link RemoteOptions.token}).
 */
export type AuthType = "None" | "ClientSecret" | "ExternalCommand" | "Token" | "Pkce" | "DeviceFlow" | "Passthrough";

const AUTH_TYPES: readonly AuthType[] = ["None", "ClientSecret", "ExternalCommand", "Token", "Pkce", "DeviceFlow", "Passthrough"];

/** Options that override the config file and the environment (the CLI's flags map onto these); any of them may be omitted. */
export interface RemoteOptions {
  /**
   * The control plane: `http(s)://host[:port]`, `dns:///host:port` or `host:port`.
   *
   * Validation: a non-empty string; a bare host gets `http://` when insecure, else `https://`.
   *
   * @defaultValue `admin.endpoint` of the config file, or `FLYTE_ADMIN_ENDPOINT`
   */
  endpoint?: string;
  /**
   * Plain HTTP without authentication.
   *
   * Validation: a boolean.
   *
   * @defaultValue `admin.insecure`, else false
   */
  insecure?: boolean;
  /**
   * A config file to read instead of searching for one.
   *
   * Validation: an existing YAML file, else a REMOTE_CONFIG error.
   *
   * @defaultValue the first of `./config.yaml`, `./.flyte/config.yaml`, `<git root>/.flyte/config.yaml`, `$UCTL_CONFIG`, `$FLYTECTL_CONFIG`, `~/.union/config.yaml`, `~/.flyte/config.yaml` that exists
   */
  configFile?: string;
  /**
   * Flyte project.
   *
   * Validation: a non-empty string where a call needs it, else a REMOTE_CONFIG error naming `project`.
   *
   * @defaultValue `task.project`, or `FLYTE_TASK_PROJECT`
   */
  project?: string;
  /**
   * Flyte domain.
   *
   * Validation: a non-empty string where a call needs it.
   *
   * @defaultValue `task.domain`, or `FLYTE_TASK_DOMAIN`
   */
  domain?: string;
  /**
   * Flyte organization.
   *
   * Validation: a string.
   *
   * @defaultValue `task.org`, else the first DNS label of an endpoint host with more than two labels, else ""
   */
  org?: string;
  /**
   * A static bearer token (never printed).
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `FLYTE_TS_AUTH_TOKEN`
   */
  token?: string;
  /**
   * Deadline of each unary call, in milliseconds.
   *
   * Validation: a positive number.
   *
   * @defaultValue `30000`
   */
  timeoutMs?: number;
}

/** Everything the client needs, resolved from flags, environment and config file (in that order). */
export interface ResolvedRemoteConfig {
  /** Base URL (`http(s)://host[:port]`, no trailing slash); "" when none is configured. */
  readonly endpoint: string;
  readonly insecure: boolean;
  readonly insecureSkipVerify: boolean;
  readonly caCertFilePath: string | undefined;
  readonly authType: AuthType;
  /** ExternalCommand: the command and its arguments. */
  readonly command: readonly string[];
  readonly clientId: string | undefined;
  /** Resolved secret (from the API key, clientSecretLocation or clientSecretEnvVar); never printed. */
  readonly clientSecret: string | undefined;
  readonly scopes: readonly string[];
  readonly token: string | undefined;
  readonly consoleEndpoint: string | undefined;
  readonly org: string;
  readonly project: string | undefined;
  readonly domain: string | undefined;
  readonly timeoutMs: number;
  /** The config file read, if any. */
  readonly configFile: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The Python SDK's search order; the first file that exists wins. */
export function configSearchPaths(env: Env = process.env, cwd = process.cwd(), home = homedir()): string[] {
  const paths = [join(cwd, "config.yaml"), join(cwd, ".flyte", "config.yaml")];
  const git = gitRoot(cwd);
  if (git) paths.push(join(git, ".flyte", "config.yaml"));
  if (env.UCTL_CONFIG) paths.push(env.UCTL_CONFIG);
  if (env.FLYTECTL_CONFIG) paths.push(env.FLYTECTL_CONFIG);
  paths.push(join(home, ".union", "config.yaml"), join(home, ".flyte", "config.yaml"));
  return paths;
}

function gitRoot(cwd: string): string | undefined {
  // Walk up instead of running git: cheaper, and works without git installed.
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Section → key → value, as read from YAML. */
type ConfigFile = Record<string, Record<string, unknown> | undefined>;

function readConfigFile(path: string): ConfigFile {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, "utf8"));
  } catch (err) {
    throw new RemoteError("REMOTE_CONFIG", `config file ${path} cannot be read as YAML: ${(err as Error).message}`, { cause: err });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) throw new RemoteError("REMOTE_CONFIG", `config file ${path} must be a YAML mapping (admin:, task:, console:)`);
  return doc as ConfigFile;
}

/** `FLYTE_<SECTION>_<KEY>`, the key upper-cased as written (`admin.clientId` → `FLYTE_ADMIN_CLIENTID`). */
export function envName(section: string, key: string): string {
  return `FLYTE_${section.toUpperCase()}_${key.toUpperCase()}`;
}

function parseBool(value: unknown, where: string): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  const text = String(value).trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(text)) return true;
  if (["false", "0", "no", "off"].includes(text)) return false;
  throw new RemoteError("REMOTE_CONFIG", `${where} must be true or false, got ${JSON.stringify(value)}`);
}

/** Decodes `FLYTE_API_KEY`: base64 of `endpoint:client_id:client_secret:org` (the endpoint may contain colons). */
export function decodeApiKey(apiKey: string): { endpoint: string; clientId: string; clientSecret: string; org: string } {
  const decoded = Buffer.from(apiKey.trim(), "base64").toString("utf8");
  const parts = decoded.split(":");
  if (parts.length < 4 || parts.slice(-3, -1).some((p) => p === "") || parts.slice(0, -3).join(":") === "") {
    // Never echo the key: it holds the client secret.
    throw new RemoteError("REMOTE_CONFIG", "FLYTE_API_KEY is not a valid API key: expected base64 of endpoint:client_id:client_secret:org");
  }
  const org = parts.at(-1)!;
  return { endpoint: parts.slice(0, -3).join(":"), clientId: parts.at(-3)!, clientSecret: parts.at(-2)!, org: org === "None" ? "" : org };
}

/** `http(s)://…` as given; `dns:///host:port` and `host:port` become http (insecure) or https. No trailing slash. */
export function normalizeEndpoint(endpoint: string, insecure: boolean): string {
  let value = endpoint.trim().replace(/^dns:\/\/\//i, "");
  if (!/^https?:\/\//i.test(value)) value = `${insecure ? "http" : "https"}://${value}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RemoteError("REMOTE_CONFIG", `admin.endpoint ${JSON.stringify(endpoint)} is not a valid endpoint: expected http(s)://host[:port], dns:///host:port or host:port`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

/** The first DNS label of a host with more than two labels (`acme.cloud.example.com` → `acme`), else "". */
export function orgFromEndpoint(endpoint: string): string {
  if (!endpoint) return "";
  const host = new URL(endpoint).hostname;
  if (/^[\d.]+$/.test(host) || host.includes(":") || host.startsWith("[")) return "";
  const labels = host.split(".");
  return labels.length > 2 ? labels[0]! : "";
}

function splitCommand(value: unknown, where: string): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") {
    const text = value.trim();
    if (text.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // not a JSON list: split on whitespace below
      }
    }
    return text.split(/\s+/).filter(Boolean);
  }
  throw new RemoteError("REMOTE_CONFIG", `${where} must be a list of strings (the command and its arguments)`);
}

/**
 * Resolves the remote configuration: `options` (flags) over `FLYTE_*` environment variables over the config
 * file (the same files, search order and keys as the Python SDK). Reads client secrets from their files or
 * variables; nothing is contacted.
 */
export function resolveRemoteConfig(options: RemoteOptions = {}, env: Env = process.env, cwd = process.cwd(), home = homedir()): ResolvedRemoteConfig {
  const explicitFile = options.configFile;
  if (explicitFile !== undefined && !existsSync(explicitFile)) {
    throw new RemoteError("REMOTE_CONFIG", `config file ${explicitFile} does not exist`);
  }
  return resolveWithConfigFile(explicitFile ?? configSearchPaths(env, cwd, home).find((p) => existsSync(p)), options, env);
}

/**
 * {@link resolveRemoteConfig} with the config file already chosen (undefined: none, no search). Inside a task
 * pod only a mounted file named by `UCTL_CONFIG`/`FLYTECTL_CONFIG` counts, as the Python SDK decides there.
 */
export function resolveWithConfigFile(configFile: string | undefined, options: RemoteOptions, env: Env): ResolvedRemoteConfig {
  if (configFile !== undefined && !existsSync(configFile)) {
    throw new RemoteError("REMOTE_CONFIG", `config file ${configFile} does not exist`);
  }
  const file = configFile ? readConfigFile(configFile) : {};
  const where = (section: string, key: string) => `${section}.${key}${configFile ? ` (${configFile})` : ""}`;
  const get = (section: string, key: string): unknown => {
    const fromEnv = env[envName(section, key)];
    if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
    const sectionValue = file[section];
    if (sectionValue !== undefined && sectionValue !== null && typeof sectionValue !== "object") {
      throw new RemoteError("REMOTE_CONFIG", `${section} in ${configFile} must be a mapping`);
    }
    return sectionValue?.[key];
  };
  const str = (section: string, key: string): string | undefined => {
    const v = get(section, key);
    return v === undefined || v === null || v === "" ? undefined : String(v);
  };

  const apiKey = env.FLYTE_API_KEY ? decodeApiKey(env.FLYTE_API_KEY) : undefined;
  const insecure = options.insecure ?? parseBool(get("admin", "insecure"), where("admin", "insecure")) ?? false;
  const rawEndpoint = options.endpoint ?? str("admin", "endpoint") ?? apiKey?.endpoint;
  const endpoint = rawEndpoint ? normalizeEndpoint(rawEndpoint, insecure) : "";

  const token = options.token ?? (env.FLYTE_TS_AUTH_TOKEN || undefined);
  let authType: AuthType;
  const configured = env.FLYTE_AUTH_TYPE || str("admin", "authType");
  if (insecure) authType = "None";
  else if (token !== undefined) authType = "Token";
  else if (apiKey) authType = "ClientSecret";
  else if (configured !== undefined) {
    const match = AUTH_TYPES.find((t) => t.toLowerCase() === configured.toLowerCase());
    if (!match) {
      throw new RemoteError("REMOTE_CONFIG", `${where("admin", "authType")} must be one of ${AUTH_TYPES.map((t) => JSON.stringify(t)).join(", ")}, got ${JSON.stringify(configured)}`);
    }
    authType = match;
  } else authType = "None";

  const command = splitCommand(env.FLYTE_AUTH_COMMAND || get("admin", "command"), where("admin", "command"));
  const clientId = apiKey?.clientId ?? str("admin", "clientId");
  let clientSecret = apiKey?.clientSecret;
  if (clientSecret === undefined && authType === "ClientSecret") {
    const envVar = str("admin", "clientSecretEnvVar");
    const location = str("admin", "clientSecretLocation");
    if (envVar !== undefined) {
      clientSecret = env[envVar];
      if (!clientSecret) throw new RemoteError("REMOTE_CONFIG", `${where("admin", "clientSecretEnvVar")} names ${envVar}, which is not set`);
    } else if (location !== undefined) {
      try {
        clientSecret = readFileSync(location, "utf8").trim();
      } catch (err) {
        throw new RemoteError("REMOTE_CONFIG", `${where("admin", "clientSecretLocation")}: cannot read ${location}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
  }
  if (authType === "ClientSecret" && (!clientId || !clientSecret)) {
    throw new RemoteError(
      "REMOTE_CONFIG",
      `admin.authType ClientSecret needs admin.clientId and a secret (admin.clientSecretLocation or admin.clientSecretEnvVar), or FLYTE_API_KEY`,
    );
  }
  if (authType === "ExternalCommand" && command.length === 0) {
    throw new RemoteError("REMOTE_CONFIG", `admin.authType ExternalCommand needs admin.command (or FLYTE_AUTH_COMMAND): the command that prints a token`);
  }
  const scopesValue = get("admin", "scopes");
  const scopes = Array.isArray(scopesValue) ? scopesValue.map(String) : typeof scopesValue === "string" ? scopesValue.split(/[\s,]+/).filter(Boolean) : [];
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(typeof timeoutMs === "number" && timeoutMs > 0)) throw new RemoteError("REMOTE_CONFIG", `timeoutMs must be a positive number of milliseconds, got ${String(timeoutMs)}`);
  const consoleEndpoint = str("console", "endpoint");

  return Object.freeze({
    endpoint,
    insecure,
    insecureSkipVerify: parseBool(get("admin", "insecureSkipVerify"), where("admin", "insecureSkipVerify")) ?? false,
    caCertFilePath: str("admin", "caCertFilePath"),
    authType,
    command: Object.freeze(command),
    clientId,
    clientSecret,
    scopes: Object.freeze(scopes),
    token,
    consoleEndpoint: consoleEndpoint ? normalizeEndpoint(consoleEndpoint, insecure) : undefined,
    org: options.org ?? str("task", "org") ?? (apiKey?.org || undefined) ?? orgFromEndpoint(endpoint),
    project: options.project ?? str("task", "project"),
    domain: options.domain ?? str("task", "domain"),
    timeoutMs,
    configFile,
  });
}

/** The endpoint, or a REMOTE_CONFIG error saying how to set one. */
export function requireEndpoint(config: ResolvedRemoteConfig): string {
  if (config.endpoint) return config.endpoint;
  throw new RemoteError(
    "REMOTE_CONFIG",
    "no control plane configured: pass --endpoint, set admin.endpoint in ~/.flyte/config.yaml (or ./.flyte/config.yaml), or FLYTE_ADMIN_ENDPOINT",
  );
}

/** Project and domain, or a REMOTE_CONFIG error naming the missing one. */
export function requireScope(config: ResolvedRemoteConfig): { org: string; project: string; domain: string } {
  const missing: string[] = [];
  if (!config.project) missing.push("project (--project, task.project, FLYTE_TASK_PROJECT)");
  if (!config.domain) missing.push("domain (--domain, task.domain, FLYTE_TASK_DOMAIN)");
  if (missing.length > 0) throw new RemoteError("REMOTE_CONFIG", `missing ${missing.join(" and ")}`);
  return { org: config.org, project: config.project!, domain: config.domain! };
}

/** The console page of a run: `<console or endpoint>/v2/domain/<domain>/project/<project>/runs/<name>`. */
export function consoleUrl(config: ResolvedRemoteConfig, run: { project: string; domain: string; name: string }): string {
  const base = config.consoleEndpoint ?? config.endpoint;
  return `${base}/v2/domain/${encodeURIComponent(run.domain)}/project/${encodeURIComponent(run.project)}/runs/${encodeURIComponent(run.name)}`;
}

