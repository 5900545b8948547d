// What the tests that run examples through the built `a0` share: core's internal modules (loaded by path:
// they are outside this project's sources), the built bins and the conformance Python SDK.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DescMessage } from "@bufbuild/protobuf";
import type { TaskSettings } from "@flyte-ts/core";

const internal = <T>(path: string) => import(new URL(`../../${path}`, import.meta.url).href) as Promise<T>;
export const { ErrorDocumentSchema } = await internal<{ ErrorDocumentSchema: DescMessage }>("packages/flyte-core/src/gen/flyteidl2/core/execution_pb.ts");
export const { InputsSchema } = await internal<{ InputsSchema: DescMessage }>("packages/flyte-core/src/gen/flyteidl2/task/common_pb.ts");
export const { decodeOutputs } = await internal<{ decodeOutputs(bytes: Uint8Array, settings: TaskSettings): unknown }>("packages/flyte-core/src/runtime/literal-io.ts");
export const { renderArgsLikeBackend } = await internal<{
  renderArgsLikeBackend(args: readonly string[], values: { inputPrefix: string; outputPrefix: string; runStartTime?: Date; runtimeVersion: string }): string[];
}>("packages/flyte-core/test/runtime/backend-args.ts");

export const examplesDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(examplesDir);
export const cliBin = join(examplesDir, "node_modules", ".bin", "flyte-ts");
export const a0Bin = join(examplesDir, "node_modules", ".bin", "a0");
export const conformancePython = join(repoRoot, "conformance", ".venv", "bin", "python");
