/**
 * A Kubernetes object name for a rendered resource, from a task name: lower case, every run of other
 * characters than `a-z`, `0-9` and `-` replaced by `-`, leading characters up to the first letter
 * dropped, cut to `max` characters without a trailing `-`; `"task"` when nothing is left. (The backend
 * names the object after the run instead; a render is a preview.)
 *
 * @param max - the longest name the resource kind allows (63 for most; less where the operator appends
 *   suffixes of its own, e.g. 47 for a RayJob).
 */
export function objectName(taskName: string, max: number): string {
  const name = taskName.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").slice(0, max).replace(/-+$/, "");
  return name || "task";
}
