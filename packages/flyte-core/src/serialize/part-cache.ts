/**
 * A value computed once per combination of keys: objects (held weakly, so a cached part goes away with its
 * environment) and primitives, `undefined` included. The serializer keys each part on the immutable
 * settings it is made of (a Resources, a PodTemplate, a plugin config, the SerializationContext, ...):
 * tasks of one environment share them, and an override that replaces one gets a part of its own.
 * Keys that many environments share go first: a level's maps are made only when a next key needs them.
 */
export class PartCache<V> {
  readonly #root: Level<V> = { computed: false, value: undefined };

  get(keys: readonly unknown[], compute: () => V): V {
    let level = this.#root;
    for (const key of keys) {
      let next: Level<V> | undefined;
      if ((typeof key === "object" && key !== null) || typeof key === "function") {
        const objects = (level.objects ??= new WeakMap());
        next = objects.get(key as object);
        if (!next) objects.set(key as object, (next = { computed: false, value: undefined }));
      } else {
        const primitives = (level.primitives ??= new Map());
        next = primitives.get(key);
        if (!next) primitives.set(key, (next = { computed: false, value: undefined }));
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
  objects?: WeakMap<object, Level<V>>;
  primitives?: Map<unknown, Level<V>>;
  computed: boolean;
  value: V | undefined;
}
