// Fills a TaskTemplate's container args the way the Flyte backend does before it starts the pod
// (flyteplugins template rendering: case-insensitive, "." or "$" prefix, optional spaces; the run
// service's run start time only for runtime versions >= 2.3.6). Test support for the a0 end-to-end tests.

export interface BackendArgValues {
  /** The action's input prefix; the input file is <prefix>/inputs.pb. */
  inputPrefix: string;
  /** The attempt's output prefix (also the raw output prefix, as the backend sets it). */
  outputPrefix: string;
  /** Previous attempt's checkpoint prefix; absent on the first attempt (rendered as `""`). */
  prevCheckpointPrefix?: string;
  /** Substituted only when the task's runtime version allows it. */
  runStartTime?: Date;
  runtimeVersion: string;
}

const placeholder = (name: string) => new RegExp(`{{\\s*[.$]${name}\\s*}}`, "gi");

export function meetsRunStartTimeVersion(version: string): boolean {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor, patch] = m.slice(1).map(Number) as [number, number, number];
  return major !== 2 ? major > 2 : minor !== 3 ? minor > 3 : patch >= 6;
}

export function renderArgsLikeBackend(args: readonly string[], values: BackendArgValues): string[] {
  const inputFile = `${values.inputPrefix.replace(/\/inputs\.pb$/, "")}/inputs.pb`;
  const startTime = values.runStartTime && meetsRunStartTimeVersion(values.runtimeVersion)
    ? values.runStartTime.toISOString().replace(/\.\d{3}Z$/, "Z")
    : undefined;
  return args.map((arg) => {
    let out = arg
      .replace(placeholder("Input"), inputFile)
      .replace(placeholder("OutputPrefix"), values.outputPrefix)
      .replace(placeholder("InputPrefix"), values.inputPrefix)
      .replace(placeholder("RawOutputDataPrefix"), values.outputPrefix)
      .replace(placeholder("PrevCheckpointPrefix"), values.prevCheckpointPrefix ?? '""')
      .replace(placeholder("CheckpointOutputPrefix"), `${values.outputPrefix}/_flytecheckpoints`);
    if (startTime) out = out.replace(placeholder("runStartTime"), startTime);
    return out;
  });
}
