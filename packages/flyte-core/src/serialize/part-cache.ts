/**
 * A value computed once per combination of keys: objects (held weakly, so a cached part goes away with its
 * environment) and primitives, `undefined` included. The serializer keys each part on the immutable
 * settings it is made of (a Resources, a PodTemplate, a plugin config, the SerializationContext, ...):
 * tasks of one environment share them, and an override that replaces one gets a part of its own.
 */
export class PartCache<V> {
  readonly #root: Level<V> = newLevel();

  get(keys: readonly unknown[], compute: () => V): V {
    let level = this.#root;
    for (const key of keys) {
      const isObject = (typeof key === "object" && key !== null) || typeof key === "function";
      let next = isObject ? level.objects.get(key as object) : level.primitives.get(key);
      if (!next) {
        next = newLevel();
        if (isObject) level.objects.set(key as object, next);
        else level.primitives.set(key, next);
      }
      level = next;
    }
    if (!level.computed) {
      // A compute that throws caches nothing: the error is raised again, naming the task at hand.
      level.value = compute();
      level.computed = true;
    }
    return level.value as V;
  }
}

interface Level<V> {
  objects: WeakMap<object, Level<V>>;
  primitives: Map<unknown, Level<V>>;
  computed: boolean;
  value: V | undefined;
}

function newLevel<V>(): Level<V> {
  return { objects: new WeakMap(), primitives: new Map(), computed: false, value: undefined };
}
