// What the rest of the local cloud reads of hosting and Neo (the synthetic-traffic generator, the summary):
// plain read-only snapshots, never the emulator's own records. Other code is written against these names and
// shapes: change them only together with it.

export interface EndpointVariantView {
  variantName: string;
  modelName: string;
  currentWeight: number;
  desiredWeight: number;
  /** 0 for a serverless variant */
  instanceCount: number;
  instanceType?: string;
  /** provisionedConcurrency only when the variant has some (Application Auto Scaling can scale only that) */
  serverless?: { memorySizeInMB: number; maxConcurrency: number; provisionedConcurrency?: number };
}

export interface EndpointView {
  name: string;
  arn: string;
  /** as DescribeEndpoint spells it: Creating, InService, Updating, RollingBack, Deleting, Failed */
  status: string;
  configName: string;
  /** what serves traffic now: empty until the endpoint first comes InService */
  variants: ReadonlyArray<EndpointVariantView>;
}

export interface ModelView {
  name: string;
  /** as given to CreateModel */
  containers: ReadonlyArray<{ image?: string; modelDataUrl?: string; modelPackageName?: string }>;
}

export interface CompilationJobView {
  name: string;
  /** INPROGRESS, COMPLETED, FAILED, STARTING, STOPPING, STOPPED */
  status: string;
  /** the TargetDevice, or the TargetPlatform as OS_ARCH[_ACCELERATOR] */
  target: string;
  /** S3ModelArtifacts, once COMPLETED */
  artifact?: string;
}
