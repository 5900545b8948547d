import type { FlyteRemoteOptions } from "../remote/client.ts";

/** The flags every remote command takes (they override FLYTE_* variables and the config file). */
export interface RemoteFlags {
  endpoint?: string;
  insecure?: boolean;
  config?: string;
  project?: string;
  domain?: string;
  org?: string;
}

export function remoteOptionsOf(flags: RemoteFlags): FlyteRemoteOptions {
  return {
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    ...(flags.insecure !== undefined ? { insecure: flags.insecure } : {}),
    ...(flags.config !== undefined ? { configFile: flags.config } : {}),
    ...(flags.project !== undefined ? { project: flags.project } : {}),
    ...(flags.domain !== undefined ? { domain: flags.domain } : {}),
    ...(flags.org !== undefined ? { org: flags.org } : {}),
  };
}

/** JSON of task values: bigints as numbers when safe (else strings), Dates as ISO strings. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value === undefined ? null : value, (_key, v: unknown) => (typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v), 2)}\n`;
}

/** `12.3 MB`-style sizes for progress lines. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Upload progress on stderr, at most every 10 %. */
export function uploadProgressLogger(log: (line: string) => void): (sent: number, total: number) => void {
  let last = -1;
  return (sent, total) => {
    const pct = total === 0 ? 100 : Math.floor((sent / total) * 10) * 10;
    if (pct !== last) {
      last = pct;
      log(`uploading code bundle: ${pct}% of ${formatBytes(total)}`);
    }
  };
}
