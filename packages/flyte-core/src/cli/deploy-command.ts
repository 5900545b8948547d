import { deploy, formatDeployTable } from "../remote/deploy.ts";
import { remoteOptionsOf, uploadProgressLogger, type RemoteFlags } from "./remote-options.ts";

export interface DeployCommandOptions extends RemoteFlags {
  version?: string;
  rootDir?: string;
  dryRun?: boolean;
  concurrency?: string;
  json?: boolean;
}

/** `flyte-ts deploy <module…>`: bundle, upload, DeployTask per task; a summary table (or JSON) on stdout. */
export async function deployCommand(modules: string[], options: DeployCommandOptions, log: (line: string) => void): Promise<string> {
  const result = await deploy({
    modules,
    ...(options.rootDir !== undefined ? { rootDir: options.rootDir } : {}),
    ...(options.version !== undefined ? { version: options.version } : {}),
    dryRun: options.dryRun === true,
    ...(options.concurrency !== undefined ? { concurrency: Number(options.concurrency) } : {}),
    remote: remoteOptionsOf(options),
    onProgress: log,
    onUploadProgress: uploadProgressLogger(log),
  });
  return options.json ? `${JSON.stringify(result, null, 2)}\n` : formatDeployTable(result);
}
