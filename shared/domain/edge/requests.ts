// Requests in the SDK's own types (see ../sdk.ts), so adapters pass them through unchanged.
import type { CreateCompilationJobRequest, TargetDevice } from '@aws-sdk/client-sagemaker';
import type { EdgeTarget } from '../../config/edge-schema';
import { boundedName, boundedNameStart, VERSION_SUFFIX_MAX, versionSuffix } from '../names';
import type { WithFields } from '../sdk';
import type { ApprovedPackage } from '../deployment/state';

/** A build is known by its job name and always says what it compiles and where the artifact goes. */
export type CompilationJobRequest = WithFields<
  CreateCompilationJobRequest,
  'CompilationJobName' | 'InputConfig' | 'OutputConfig'
>;

/**
 * `attempt`: a build of the package for the target after one that was stopped (a stopped job cannot go on, and its
 * name cannot be used again while it exists); the first build's name has none.
 */
export const compilationJobName = (line: string, target: EdgeTarget, pkg: ApprovedPackage, attempt = 0): string =>
  boundedName(
    `${line}-${target.name}`,
    versionSuffix(pkg.version, `${pkg.arn}|${target.name}${attempt ? `|${attempt}` : ''}`),
  );

/** How every compilation job of the line begins (its IAM resource pattern, with `*` after it). */
export const compilationJobsStart = (line: string): string => boundedNameStart(line, VERSION_SUFFIX_MAX);

/**
 * The artifact Neo compiles, one .tar.gz: the first container that has one (the model, not a pre-processing step's
 * code), as its ModelDataUrl or as a ModelDataSource of one gzip-compressed object. An uncompressed model (an object
 * or a prefix) is none: Neo takes an archive only.
 */
export const modelArtifact = (pkg: ApprovedPackage): string | undefined =>
  pkg.containers.map(archiveOf).find((uri) => uri !== undefined);

const archiveOf = ({ ModelDataUrl, ModelDataSource }: ApprovedPackage['containers'][number]): string | undefined => {
  if (ModelDataUrl) return ModelDataUrl;
  const s3 = ModelDataSource?.S3DataSource;
  return s3?.S3DataType === 'S3Object' && s3.CompressionType === 'Gzip' ? s3.S3Uri : undefined;
};

/** Where one build writes its artifact: `<outputS3Uri>/<job name>/`. */
const outputLocation = (target: EdgeTarget, jobName: string): string =>
  `${target.outputS3Uri.replace(/\/+$/, '')}/${jobName}/`;

export function compilationJobRequest(
  line: string,
  target: EdgeTarget,
  pkg: ApprovedPackage,
  artifact: string,
  name = compilationJobName(line, target, pkg),
): CompilationJobRequest {
  return {
    CompilationJobName: name,
    RoleArn: target.roleArn,
    InputConfig: {
      S3Uri: artifact,
      DataInputConfig: target.dataInputConfig,
      Framework: target.framework,
      ...(target.frameworkVersion ? { FrameworkVersion: target.frameworkVersion } : {}),
    },
    OutputConfig: {
      // Neo names its output `<input file>-<device>.tar.gz`, and every trained version's input is a model.tar.gz:
      // each build writes under a folder of its own, or a later version's would overwrite an announced artifact.
      S3OutputLocation: outputLocation(target, name),
      // The config takes only the devices this SDK lists (shared/config/aws-values.ts).
      ...(target.targetDevice ? { TargetDevice: target.targetDevice as TargetDevice } : {}),
      ...(target.targetPlatform
        ? {
            TargetPlatform: {
              Os: target.targetPlatform.os,
              Arch: target.targetPlatform.arch,
              ...(target.targetPlatform.accelerator ? { Accelerator: target.targetPlatform.accelerator } : {}),
            },
          }
        : {}),
      // Required for an NVIDIA accelerator (the config says so), recommended for CPUs: a JSON string, as Neo takes it.
      ...(target.compilerOptions ? { CompilerOptions: JSON.stringify(target.compilerOptions) } : {}),
    },
    StoppingCondition: { MaxRuntimeInSeconds: target.maxRuntimeSeconds },
    Tags: [
      { Key: 'shepherd:model', Value: line },
      { Key: 'shepherd:edgeTarget', Value: target.name },
      { Key: 'shepherd:modelPackageVersion', Value: String(pkg.version) },
    ],
  };
}
