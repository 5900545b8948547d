// The benchmark workload: N task descriptions, deterministic, that both the TypeScript and the Python
// side build with their own SDK. Environments of ten tasks each, cycling through realistic settings:
// resources with request/limit pairs and accelerators, secrets, env vars, pod templates with a
// primary container and tolerations, retries with backoff, timeouts, and the engine plugins.
export const KINDS = ["plain", "pod", "gpu", "spark", "ray", "dask"];

export function workload(n, kinds = KINDS) {
  const tasks = [];
  for (let i = 0; i < n; i++) {
    const kind = kinds[Math.floor(i / 10) % kinds.length];
    tasks.push({ env: `bench-${kind}-${Math.floor(i / 10)}`, name: `task_${i}`, kind, i });
  }
  return tasks;
}
