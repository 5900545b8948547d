/** How fast the Ray autoscaler adds nodes (KubeRay `autoscalerOptions.upscalingMode`). */
export const UpscalingMode = Object.freeze({
  DEFAULT: "DEFAULT",
  AGGRESSIVE: "AGGRESSIVE",
  CONSERVATIVE: "CONSERVATIVE",
} as const);

export type UpscalingMode = (typeof UpscalingMode)[keyof typeof UpscalingMode];

export const UPSCALING_MODES = Object.values(UpscalingMode);
