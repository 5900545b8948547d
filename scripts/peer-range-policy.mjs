// The peer range policy for plugins on @flyte-ts/core: a bounded range `>=L <M.0.0` where M is the
// major after L's (">=0.1.0 <1.0.0", ">=1.2.0 <2.0.0"). A core minor or patch stays inside it, so it
// never forces a plugin release; a core major leaves it, which changesets turns into a plugin major.
// Shared by check-packages (the packed manifests) and check-release-dry-run (what changesets writes).
const BOUNDED = /^>=(\d+)\.(\d+)\.(\d+) <(\d+)\.0\.0$/;

/** Why `range` breaks the policy or does not admit `coreVersion`; undefined when it is fine. */
export function corePeerRangeProblem(range, coreVersion) {
  const m = BOUNDED.exec(range ?? "");
  if (!m) return `peer range on @flyte-ts/core is ${JSON.stringify(range)}; the policy is ">=L <M.0.0" (M = L's major + 1)`;
  const [lower, upperMajor] = [[Number(m[1]), Number(m[2]), Number(m[3])], Number(m[4])];
  if (upperMajor !== lower[0] + 1) return `peer range ${range} must end at the next major, <${lower[0] + 1}.0.0`;
  const v = coreVersion.split(/[.+-]/).slice(0, 3).map(Number);
  const atLeast = v[0] !== lower[0] ? v[0] > lower[0] : v[1] !== lower[1] ? v[1] > lower[1] : v[2] >= lower[2];
  if (!atLeast || v[0] >= upperMajor) return `peer range ${range} does not admit @flyte-ts/core ${coreVersion}`;
  return undefined;
}
