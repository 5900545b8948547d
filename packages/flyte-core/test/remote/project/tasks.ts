import { z } from "zod";
import { TaskEnvironment } from "@flyte-ts/core";

// A small project the remote tests deploy and run: its directory is the code bundle.
export const env = new TaskEnvironment({ name: "remote_demo", image: "ghcr.io/flyte-ts/remote-demo:1" });

export const add = env.task(
  { inputs: z.object({ a: z.int(), b: z.int().default(1) }), output: z.int() },
  async function add({ a, b }) {
    console.log(`adding ${a} and ${b}`);
    return a + b;
  },
);

export const greet = env.task(
  { inputs: z.object({ name: z.string() }), output: z.object({ greeting: z.string(), length: z.int() }) },
  async function greet({ name }) {
    return { greeting: `hello ${name}`, length: name.length };
  },
);

export const explode = env.task(
  { inputs: z.object({ why: z.string() }) },
  async function explode({ why }) {
    throw new Error(`body failed: ${why}`);
  },
);

export const sleepy = env.task(
  { inputs: z.object({ seconds: z.number() }), output: z.string() },
  async function sleepy({ seconds }) {
    console.log("sleeping");
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return "woke up";
  },
);
