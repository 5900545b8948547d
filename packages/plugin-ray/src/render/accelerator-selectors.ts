// The node affinity and tolerations the backend gives a pod that requests an accelerator
// (flytek8s.ApplyGPUNodeSelectors with the platform's default labels): the device's node label must
// match, and a taint with that label and value is tolerated; likewise for a partition size, or, for an
// unpartitioned request, nodes without a partition label.
type Json = Record<string, any>;

const LABELS: Readonly<Record<string, { device: string; partition: string }>> = {
  GOOGLE_TPU: { device: "cloud.google.com/gke-tpu-accelerator", partition: "cloud.google.com/gke-tpu-topology" },
};
const DEFAULT_LABELS = { device: "k8s.amazonaws.com/accelerator", partition: "k8s.amazonaws.com/gpu-partition-size" };
const ACCELERATOR_RESOURCES = ["nvidia.com/gpu", "google.com/tpu", "aws.amazon.com/neuron", "amd.com/gpu", "habana.ai/gaudi"];

function requiresAccelerator(spec: Json): boolean {
  return (spec.containers ?? []).some((c: Json) =>
    ACCELERATOR_RESOURCES.some((r) => c.resources?.limits?.[r] !== undefined || c.resources?.requests?.[r] !== undefined),
  );
}

function addRequirement(spec: Json, requirement: Json): void {
  spec.affinity ??= {};
  spec.affinity.nodeAffinity ??= {};
  const required = (spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ??= {});
  const terms: Json[] = (required.nodeSelectorTerms ??= []);
  if (terms.length === 0) {
    terms.push({ matchExpressions: [requirement] });
    return;
  }
  for (const term of terms) {
    term.matchExpressions ??= [];
    if (!term.matchExpressions.some((m: Json) => JSON.stringify(m) === JSON.stringify(requirement))) term.matchExpressions.push(requirement);
  }
}

function addToleration(spec: Json, toleration: Json): void {
  const tolerations: Json[] = spec.tolerations ?? [];
  const same = (t: Json) => t.key === toleration.key && t.operator === toleration.operator && (t.value ?? "") === toleration.value && t.effect === toleration.effect;
  if (!tolerations.some(same)) spec.tolerations = [...tolerations, toleration];
}

export function applyAcceleratorSelectors(spec: Json, accelerator: Json | undefined): void {
  if (!accelerator || !requiresAccelerator(spec)) return;
  const labels = LABELS[accelerator.deviceClass] ?? DEFAULT_LABELS;
  if (accelerator.device) {
    addRequirement(spec, { key: labels.device, operator: "In", values: [accelerator.device] });
    addToleration(spec, { key: labels.device, value: accelerator.device, operator: "Equal", effect: "NoSchedule" });
  }
  if (accelerator.partitionSize) {
    addRequirement(spec, { key: labels.partition, operator: "In", values: [accelerator.partitionSize] });
    addToleration(spec, { key: labels.partition, value: accelerator.partitionSize, operator: "Equal", effect: "NoSchedule" });
  } else if (accelerator.unpartitioned === true) {
    addRequirement(spec, { key: labels.partition, operator: "DoesNotExist" });
  }
}
