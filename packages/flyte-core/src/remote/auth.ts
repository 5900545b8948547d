import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ResolvedRemoteConfig } from "./config.ts";
import { RemoteError } from "./errors.ts";

/**
 * Where bearer tokens come from. `token()` may answer from a cache; `refresh()` is called once after the
 * server answered UNAUTHENTICATED and must not return the token that was just refused, if it can help it.
 */
export interface TokenSource {
  token(): Promise<string>;
  refresh(): Promise<string>;
}

/** What the OAuth2 discovery RPCs answered (the parts client credentials need). */
export interface OAuthDiscovery {
  tokenEndpoint: string;
  audience: string;
  scopes: readonly string[];
}

/** A token that never changes (FLYTE_TS_AUTH_TOKEN, or `token` in the options). */
export function staticToken(token: string): TokenSource {
  return {
    token: async () => token,
    refresh: async () => {
      throw new RemoteError("AUTH", "the control plane refused the bearer token (FLYTE_TS_AUTH_TOKEN): it is invalid or expired; set a fresh one");
    },
  };
}

/** Runs `admin.command` and takes its trimmed stdout as the token; runs it again on refresh. */
export function externalCommandToken(command: readonly string[], timeoutMs = 60_000): TokenSource {
  let cached: Promise<string> | undefined;
  const run = () =>
    new Promise<string>((resolvePromise, reject) => {
      execFile(command[0]!, command.slice(1), { timeout: timeoutMs, encoding: "utf8", maxBuffer: 1 << 20 }, (err, stdout) => {
        if (err) {
          // The command's output is not echoed: it may hold a partial token.
          const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "was not found" : err.killed ? `did not finish within ${timeoutMs} ms` : `exited with status ${String((err as { code?: unknown }).code)}`;
          reject(new RemoteError("AUTH", `the auth command ${command[0]} (admin.command) ${why}; run it by hand to check that it prints a token`));
          return;
        }
        const token = stdout.trim();
        if (!token) reject(new RemoteError("AUTH", `the auth command ${command[0]} (admin.command) printed nothing: it must print a token on stdout`));
        else resolvePromise(token);
      });
    });
  return {
    token: () => (cached ??= run().catch((err) => ((cached = undefined), Promise.reject(err)))),
    refresh: () => (cached = run()),
  };
}

interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The directory tokens are cached in (created 0700; files 0600). */
export function tokenCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.FLYTE_TS_TOKEN_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "flyte-ts", "tokens");
}

/**
 * A token cache file per endpoint and client credentials: its name is a hash (of the secret too, so that a
 * changed secret is never answered from a token the old one obtained), and the listing reveals nothing.
 */
export function tokenCacheFile(dir: string, endpoint: string, clientId: string, clientSecret = ""): string {
  return join(dir, `${createHash("sha256").update(`${endpoint}\0${clientId}\0${clientSecret}`).digest("hex").slice(0, 32)}.json`);
}

function readCache(file: string): CachedToken | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as CachedToken;
    return typeof value.accessToken === "string" && typeof value.expiresAt === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, file: string, token: CachedToken): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(token), { mode: 0o600 });
    chmodSync(tmp, 0o600); // whatever the umask
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs a token request next time.
  }
}

export interface ClientCredentialsOptions {
  endpoint: string;
  clientId: string;
  clientSecret: string;
  /** Scopes from the config; the server's public client config is used when empty. */
  scopes: readonly string[];
  discover: () => Promise<OAuthDiscovery>;
  cacheDir?: string;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * OAuth2 client credentials: discovers the token endpoint through AuthMetadataService, posts
 * `grant_type=client_credentials` with HTTP Basic auth (client id : url-encoded secret), and caches the token
 * per endpoint and client until a minute before it expires.
 */
export function clientCredentialsToken(options: ClientCredentialsOptions): TokenSource {
  const now = options.now ?? Date.now;
  const dir = options.cacheDir ?? tokenCacheDir();
  const file = tokenCacheFile(dir, options.endpoint, options.clientId, options.clientSecret);
  let memory: CachedToken | undefined;
  let pending: Promise<string> | undefined;

  const request = async (): Promise<string> => {
    const discovery = await options.discover();
    const scopes = options.scopes.length > 0 ? options.scopes : discovery.scopes;
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    if (scopes.length > 0) body.set("scope", scopes.join(" "));
    if (discovery.audience) body.set("audience", discovery.audience);
    const basic = Buffer.from(`${options.clientId}:${encodeURIComponent(options.clientSecret)}`).toString("base64");
    let response: Response;
    try {
      response = await fetch(discovery.tokenEndpoint, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new RemoteError("AUTH", `cannot reach the token endpoint ${new URL(discovery.tokenEndpoint).origin}: ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (!response.ok || typeof json.access_token !== "string") {
      const reason = typeof json.error === "string" ? `${json.error}${typeof json.error_description === "string" ? `: ${json.error_description}` : ""}` : `HTTP ${response.status}`;
      throw new RemoteError("AUTH", `the token endpoint ${new URL(discovery.tokenEndpoint).origin} refused client ${options.clientId} (${reason}); check admin.clientId and its secret, or FLYTE_API_KEY`);
    }
    const expiresIn = typeof json.expires_in === "number" ? json.expires_in : 3600;
    memory = { accessToken: json.access_token, expiresAt: now() + expiresIn * 1000 };
    writeCache(dir, file, memory);
    return memory.accessToken;
  };
  const fresh = (t: CachedToken | undefined) => t !== undefined && t.expiresAt - 60_000 > now();
  const once = () => (pending ??= request().finally(() => (pending = undefined)));

  return {
    token: async () => {
      if (fresh(memory)) return memory!.accessToken;
      const cached = readCache(file);
      if (fresh(cached)) return (memory = cached)!.accessToken;
      return once();
    },
    refresh: () => {
      memory = undefined;
      return once();
    },
  };
}

/**
 * The token source for a resolved configuration, or undefined when requests go without authorization.
 * `discover` asks the endpoint's AuthMetadataService (only called for client credentials).
 */
export function tokenSourceFor(config: ResolvedRemoteConfig, discover: () => Promise<OAuthDiscovery>, cacheDir?: string): TokenSource | undefined {
  switch (config.authType) {
    case "None":
      return undefined;
    case "Token":
      return staticToken(config.token!);
    case "ExternalCommand":
      return externalCommandToken(config.command);
    case "ClientSecret":
      return clientCredentialsToken({
        endpoint: config.endpoint,
        clientId: config.clientId!,
        clientSecret: config.clientSecret!,
        scopes: config.scopes,
        discover,
        timeoutMs: config.timeoutMs,
        ...(cacheDir !== undefined ? { cacheDir } : {}),
      });
    case "Pkce":
    case "DeviceFlow":
    case "Passthrough": {
      const refuse = async (): Promise<string> => {
        throw new RemoteError(
          "AUTH",
          `admin.authType ${config.authType} is not supported by flyte-ts yet: use FLYTE_API_KEY, ClientSecret, ExternalCommand (e.g. a command that prints a token from your identity provider), or FLYTE_TS_AUTH_TOKEN`,
        );
      };
      return { token: refuse, refresh: refuse };
    }
  }
}
