import { FlyteTsError } from "../../errors.ts";
import { missingPackage } from "../../module/module-not-found.ts";

/** The Connect packages the controller talks to the control plane with: optional peer dependencies of core. */
export const CONNECT_PACKAGES = ["@connectrpc/connect", "@connectrpc/connect-node"] as const;

/** A CHILD_ACTION error saying what to install when `err` is a missing Connect package; else undefined. */
export function missingConnectError(err: unknown): FlyteTsError | undefined {
  if (missingPackage(err, CONNECT_PACKAGES) === undefined) return undefined;
  return new FlyteTsError(
    "CHILD_ACTION",
    `calling a task from a task in the cluster makes it a child action, which needs ${CONNECT_PACKAGES.join(" and ")} in the image: npm install ${CONNECT_PACKAGES.map((p) => `${p}@^2.1.2`).join(" ")}`,
    { cause: err },
  );
}
