import { FlyteTsError } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";
import { buildRunsSubmitBody } from "@flyte-ts/plugin-databricks";

const ENTRYPOINT = (parameters: string[]) => ({
  spark_python_task: { python_file: "/Workspace/Shared/flyte-ts/flyte_ts_entrypoint.py", parameters, source: "WORKSPACE" },
});
const template = (databricksConf: unknown, extra: Record<string, unknown> = {}) => ({
  custom: { sparkConf: { a: "b" }, databricksConf, ...extra },
  container: { image: "repo/img:tag", env: [{ key: "E", value: "1" }], args: ["a0", "--inputs", "s3://b/i"] },
});

describe("runs/submit body (reference connector, §3.2.5, with flyte-ts's own entrypoint)", () => {
  it("is the reference's example exactly, with the bridge as a workspace file instead of Flyte's entrypoint from git", () => {
    const body = buildRunsSubmitBody(template({ run_name: "r", new_cluster: { spark_version: "13.3", num_workers: 2 } }));
    expect(JSON.stringify(body)).toBe(
      '{"run_name":"r","new_cluster":{"spark_version":"13.3","num_workers":2,"docker_image":{"url":"repo/img:tag"},"spark_conf":{"a":"b"},"spark_env_vars":{"E":"1"}},' +
        '"spark_python_task":{"python_file":"/Workspace/Shared/flyte-ts/flyte_ts_entrypoint.py","parameters":["a0","--inputs","s3://b/i"],"source":"WORKSPACE"}}',
    );
  });

  it("keeps the user's image, spark_conf and other fields; the container env wins in spark_env_vars", () => {
    const conf = { new_cluster: { spark_version: "14", docker_image: { url: "mine" }, spark_conf: { x: "y" }, spark_env_vars: { E: "0", F: "2" } }, timeout_seconds: 60, libraries: [{ pypi: { package: "p" } }] };
    expect(buildRunsSubmitBody(template(conf))).toEqual({
      new_cluster: { spark_version: "14", docker_image: { url: "mine" }, spark_conf: { x: "y" }, spark_env_vars: { E: "1", F: "2" } },
      timeout_seconds: 60,
      libraries: [{ pypi: { package: "p" } }],
      ...ENTRYPOINT(["a0", "--inputs", "s3://b/i"]),
    });
  });

  it("an empty spark_conf or docker_image counts as not given (Python truthiness)", () => {
    const body = buildRunsSubmitBody(template({ new_cluster: { spark_version: "14", spark_conf: {}, docker_image: {} } }, { sparkConf: undefined }));
    expect(body.new_cluster).toEqual({ spark_version: "14", spark_conf: {}, docker_image: { url: "repo/img:tag" }, spark_env_vars: { E: "1" } });
  });

  it("leaves an existing cluster untouched and overwrites the entrypoint fields", () => {
    expect(buildRunsSubmitBody(template({ existing_cluster_id: "0101", spark_python_task: { python_file: "x" } }))).toEqual({ existing_cluster_id: "0101", ...ENTRYPOINT(["a0", "--inputs", "s3://b/i"]) });
  });

  it("reads the primary container of a pod task", () => {
    const podTask = {
      custom: { databricksConf: { new_cluster: { spark_version: "14" } } },
      config: { primary_container_name: "main" },
      k8sPod: { podSpec: { containers: [{ name: "side" }, { name: "main", image: "repo/pod:1", args: ["a0"], env: [{ name: "K", value: "v" }] }] } },
    };
    expect(buildRunsSubmitBody(podTask).new_cluster).toEqual({ spark_version: "14", docker_image: { url: "repo/pod:1" }, spark_conf: {}, spark_env_vars: { K: "v" } });
  });

  it("fails as the reference does without a run spec or a cluster", () => {
    expect(() => buildRunsSubmitBody(template(undefined))).toThrowError(new FlyteTsError("SERIALIZATION", "Missing Databricks job configuration in task template."));
    expect(() => buildRunsSubmitBody(template({ run_name: "r" }))).toThrowError("Either existing_cluster_id or new_cluster must be specified");
  });

  it("puts the bridge where it is told", () => {
    const body = buildRunsSubmitBody(template({ existing_cluster_id: "c1" }), "/Workspace/Users/me/flyte_ts_entrypoint.py");
    expect(body).toEqual({ existing_cluster_id: "c1", spark_python_task: { python_file: "/Workspace/Users/me/flyte_ts_entrypoint.py", parameters: ["a0", "--inputs", "s3://b/i"], source: "WORKSPACE" } });
  });
});
