// Starts the loopback fake control plane (packages/flyte-core/test/control-plane) for a client in another
// process: prints {"url": ...} on one line, serves until stdin closes, then prints the number of DeployTask
// calls it answered as JSON and exits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeControlPlane } from "../packages/flyte-core/test/control-plane/fake-control-plane.ts";

const storage = mkdtempSync(join(tmpdir(), "deploy-bench-"));
const fake = await startFakeControlPlane({ storageDir: storage });
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  const deployCalls = fake.faults.calls.get("DeployTask") ?? 0;
  await fake.close();
  rmSync(storage, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ deployCalls })}\n`);
  process.exit(0);
});
