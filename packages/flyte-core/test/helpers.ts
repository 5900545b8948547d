import { ConfigError } from "@flyte-ts/core";

/** The ConfigError thrown by `fn`; fails the test when nothing (or something else) is thrown. */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError, nothing was thrown");
}

/** The `{ path, message }` issues of the ConfigError thrown by `fn`. */
export function issuesOf(fn: () => unknown): Array<{ path: readonly (string | number)[]; message: string }> {
  return configError(fn).issues.map((i) => ({ path: i.path, message: i.message }));
}
