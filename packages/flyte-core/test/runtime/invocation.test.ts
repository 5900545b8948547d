import { describe, expect, it } from "vitest";
import { InvocationError, parseInvocation, parseRunStartTime } from "../../src/runtime/invocation.ts";

const ENV = {
  _U_RUN_BASE: "s3://bucket/ab/proj/dev/r1/",
  RUN_NAME: "r1",
  ACTION_NAME: "a0",
  FLYTE_INTERNAL_EXECUTION_PROJECT: "proj",
  FLYTE_INTERNAL_EXECUTION_DOMAIN: "dev",
  _U_ORG_NAME: "local",
  FLYTE_ATTEMPT_NUMBER: "2",
};

// The args serializeTask writes, after the backend rendered them (first attempt: prev checkpoint `""`).
const ARGS = [
  "--inputs", "s3://bucket/ab/proj/dev/r1/inputs/inputs.pb",
  "--outputs-path", "s3://bucket/ab/proj/dev/r1/a0/1",
  "--version", "v7",
  "--raw-data-path", "s3://bucket/ab/proj/dev/r1/a0/1",
  "--checkpoint-path", "s3://bucket/ab/proj/dev/r1/a0/1/_flytecheckpoints",
  "--prev-checkpoint", '""',
  "--run-name", "{{.runName}}",
  "--name", "{{.actionName}}",
  "--run-start-time", "2026-11-27T10:00:00Z",
  "--tgz", "s3://bucket/code/fastabc.tar.gz", "--dest", ".",
  "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "src/etl.ts", "task", "etl.load",
];

describe("parseInvocation", () => {
  it("reads the rendered container args and the backend's environment", () => {
    expect(parseInvocation(ARGS, ENV)).toEqual({
      inputs: "s3://bucket/ab/proj/dev/r1/inputs/inputs.pb",
      outputsPath: "s3://bucket/ab/proj/dev/r1/a0/1",
      version: "v7",
      runBaseDir: "s3://bucket/ab/proj/dev/r1/",
      rawDataPath: "s3://bucket/ab/proj/dev/r1/a0/1",
      checkpointPath: "s3://bucket/ab/proj/dev/r1/a0/1/_flytecheckpoints",
      prevCheckpointPath: undefined,
      runName: "r1",
      actionName: "a0",
      runStartTime: new Date("2026-11-27T10:00:00Z"),
      project: "proj",
      domain: "dev",
      org: "local",
      attempt: 2,
      imageCache: undefined,
      bundle: { tgz: "s3://bucket/code/fastabc.tar.gz", destination: "." },
      taskModule: "src/etl.ts",
      taskName: "etl.load",
    });
  });

  it("takes flags in any order, with = values, and a previous checkpoint from the second attempt on", () => {
    const args = ["--prev-checkpoint=s3://b/a0/1/_flytecheckpoints", "--run-name", "r9", "--name", "a3", ...ARGS.slice(0, 6), "--debug", "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "m.ts", "task", "e.t"];
    const inv = parseInvocation(args, ENV);
    expect([inv.prevCheckpointPath, inv.runName, inv.actionName, inv.taskModule, inv.taskName, inv.bundle]).toEqual(["s3://b/a0/1/_flytecheckpoints", "r9", "a3", "m.ts", "e.t", undefined]);
  });

  it("names the missing flag or environment variable", () => {
    const { _U_RUN_BASE: _dropped, ...noBase } = ENV;
    expect(() => parseInvocation(ARGS, noBase)).toThrow(new InvocationError("--run-base-dir is required (or the environment variable _U_RUN_BASE)"));
    const { RUN_NAME: _r, ...noRun } = ENV;
    expect(() => parseInvocation(ARGS, noRun)).toThrow("--run-name is required (or the environment variable RUN_NAME)");
    expect(() => parseInvocation(ARGS.slice(2), ENV)).toThrow("--inputs is required");
  });

  it("rejects what a TypeScript runtime cannot run, saying why", () => {
    expect(() => parseInvocation([...ARGS.slice(0, 6), "--pkl", "s3://b/t.pkl.gz"], ENV)).toThrow("--pkl bundles hold pickled Python tasks");
    expect(() => parseInvocation([...ARGS.slice(0, 6), "--resolver", "flyte._internal.resolvers.default.DefaultTaskResolver", "mod", "m", "instance", "t"], ENV))
      .toThrow('unknown resolver "flyte._internal.resolvers.default.DefaultTaskResolver"; a0 knows flyte_ts.DefaultTaskResolver');
    expect(() => parseInvocation([...ARGS.slice(0, 6), "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "m.ts"], ENV))
      .toThrow('the resolver arguments must be "mod <module> task <task name>" (docs/container-args.md), got "mod m.ts"');
    expect(() => parseInvocation(["--frobnicate", "1", ...ARGS], ENV)).toThrow(/^unknown option --frobnicate; a0 accepts --inputs, --outputs-path/);
    expect(() => parseInvocation([...ARGS.slice(0, 5)], ENV)).toThrow("option --version needs a value");
  });

  it("has the typed code INVALID_INVOCATION", () => {
    try {
      parseInvocation([], ENV);
      expect.unreachable();
    } catch (error) {
      expect((error as InvocationError).code).toBe("INVALID_INVOCATION");
    }
  });
});

describe("parseRunStartTime", () => {
  it("falls back to the epoch, never to now, when the backend left the template or sent nonsense", () => {
    expect(parseRunStartTime("{{.runStartTime}}")).toEqual(new Date(0));
    expect(parseRunStartTime(undefined)).toEqual(new Date(0));
    expect(parseRunStartTime("yesterday")).toEqual(new Date(0));
  });
  it("reads RFC 3339, a naive time as UTC, and an offset converted to UTC", () => {
    expect(parseRunStartTime("2026-11-27T10:00:00Z").toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(parseRunStartTime("2026-11-27T10:00:00").toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(parseRunStartTime("2026-11-27T12:00:00+02:00").toISOString()).toBe("2026-11-27T10:00:00.000Z");
  });
});
