import type { SparkConnectClient } from "../connect/client.ts";

/** The session's Spark SQL configuration (`spark.conf`). */
export class RuntimeConfig {
  /** @internal */
  constructor(private readonly client: SparkConnectClient) {}

  /** Sets one or more keys. */
  async set(key: string | Record<string, string | number | boolean>, value?: string | number | boolean): Promise<void> {
    const entries = typeof key === "string" ? [[key, value] as const] : Object.entries(key);
    await this.client.config({ case: "set", value: { pairs: entries.map(([k, v]) => ({ key: k, value: String(v) })) } });
  }

  /** A key's value; `defaultValue` when unset (without one, an unset key without a Spark default is an error). */
  async get(key: string, defaultValue?: string): Promise<string | undefined> {
    const op = defaultValue === undefined ? { case: "get" as const, value: { keys: [key] } } : { case: "getWithDefault" as const, value: { pairs: [{ key, value: defaultValue }] } };
    const response = await this.client.config(op);
    return response.pairs[0]?.value;
  }

  /** A key's value, or undefined when it is not set. */
  async getOption(key: string): Promise<string | undefined> {
    const response = await this.client.config({ case: "getOption", value: { keys: [key] } });
    return response.pairs[0]?.value;
  }

  /** Every key set in the session (optionally only those starting with `prefix`). */
  async getAll(prefix?: string): Promise<Record<string, string>> {
    const response = await this.client.config({ case: "getAll", value: prefix === undefined ? {} : { prefix } });
    // The server strips the prefix from the keys it returns; give back full key names.
    return Object.fromEntries(response.pairs.map((p) => [`${prefix ?? ""}${p.key}`, p.value ?? ""]));
  }

  async unset(key: string): Promise<void> {
    await this.client.config({ case: "unset", value: { keys: [key] } });
  }

  /** Whether a key can be changed in a running session. */
  async isModifiable(key: string): Promise<boolean> {
    const response = await this.client.config({ case: "isModifiable", value: { keys: [key] } });
    return response.pairs[0]?.value === "true";
  }
}
