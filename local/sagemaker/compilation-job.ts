// One compilation job and how SageMaker shows it: DescribeCompilationJob (Dates; ModelArtifacts once COMPLETED)
// and ListCompilationJobs' summary; and where Neo writes the compiled model, `<input name>-<target>.tar.gz`.
import type { CompilationRequest } from './compilation-request';
import type { Json } from './validation';

export interface Job {
  request: CompilationRequest;
  arn: string;
  name: string;
  status: string;
  createdAt: number;
  lastModified: number;
  startedAt?: number;
  endedAt?: number;
  failureReason?: string;
  artifact?: string;
  seq: number;
}

const at = (key: string, ms: number | undefined) => (ms === undefined ? {} : { [key]: new Date(ms) });

/**
 * `s3://out/model-jetson_nano.tar.gz` for `s3://in/model.tar.gz`: Neo names its output after the input and
 * the target.
 */
export function artifactOf(request: CompilationRequest, inference: Json | undefined): string {
  const source =
    typeof request.input?.S3Uri === 'string'
      ? request.input.S3Uri
      : (inference?.Containers as Json[] | undefined)?.[0]?.ModelDataUrl;
  const base = (typeof source === 'string' ? source.split('/').pop() : '')?.replace(/\.tar\.gz$/, '') || 'model';
  return `${String(request.output.S3OutputLocation).replace(/\/+$/, '')}/${base}-${request.target}.tar.gz`;
}

/** DescribeCompilationJob's answer. */
export function describeJob(j: Job): Json {
  const r = j.request;
  return {
    CompilationJobName: j.name,
    CompilationJobArn: j.arn,
    CompilationJobStatus: j.status,
    ...at('CompilationStartTime', j.startedAt),
    ...at('CompilationEndTime', j.endedAt),
    StoppingCondition: { ...r.stopping },
    ...(r.packageArn !== undefined ? { ModelPackageVersionArn: r.packageArn } : {}),
    CreationTime: new Date(j.createdAt),
    LastModifiedTime: new Date(j.lastModified),
    ...(j.failureReason !== undefined ? { FailureReason: j.failureReason } : {}),
    ModelArtifacts: j.artifact ? { S3ModelArtifacts: j.artifact } : {},
    RoleArn: r.roleArn,
    ...(r.input ? { InputConfig: structuredClone(r.input) } : {}),
    OutputConfig: structuredClone(r.output),
    ...(r.vpc ? { VpcConfig: structuredClone(r.vpc) } : {}),
  };
}

/** ListCompilationJobs' summary: the target as a device, or as the platform's parts. */
export function jobSummary(j: Job): Json {
  const platform = j.request.output.TargetPlatform as Json | undefined;
  return {
    CompilationJobName: j.name,
    CompilationJobArn: j.arn,
    CreationTime: new Date(j.createdAt),
    ...at('CompilationStartTime', j.startedAt),
    ...at('CompilationEndTime', j.endedAt),
    ...(platform
      ? {
          CompilationTargetPlatformOs: platform.Os,
          CompilationTargetPlatformArch: platform.Arch,
          ...(platform.Accelerator ? { CompilationTargetPlatformAccelerator: platform.Accelerator } : {}),
        }
      : { CompilationTargetDevice: j.request.target }),
    LastModifiedTime: new Date(j.lastModified),
    CompilationJobStatus: j.status,
  };
}
