// apache-arrow is loaded on first use: building plans and connecting need none of it.
let arrow: Promise<typeof import("apache-arrow")> | undefined;

/** The apache-arrow module, imported once. */
export function loadArrow(): Promise<typeof import("apache-arrow")> {
  return (arrow ??= import("apache-arrow"));
}
