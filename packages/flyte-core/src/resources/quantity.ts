// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity): a signed decimal number with
// an optional binary-SI (Ki…Ei), decimal-SI (n, u, m, k, M…E) or exponent (e3, E-2) suffix.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const MULTIPLIERS: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** The quantity's value as a number (approximate for huge values; used to compare request and limit). */
export function quantityValue(value: string | number): number | undefined {
  if (typeof value === "number") return value;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const base = Number(match[1]);
  const suffix = match[2];
  if (suffix === undefined) return base;
  // "E" (exa) and "Ei" (exbi) are SI suffixes, not exponents: look the suffix up before reading "e3"/"E-2".
  const multiplier = MULTIPLIERS[suffix];
  if (multiplier !== undefined) return base * multiplier;
  return base * 10 ** Number(suffix.slice(1));
}

export const QUANTITY_HINT = 'a Kubernetes quantity such as "500m", "2", "4Gi" or "512Mi"';
