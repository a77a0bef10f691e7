import type { EdgeTarget } from '../../config/deployment-schema';
import { boundedName, shortHash } from '../names';
import type { ApprovedPackage } from '../deployment/state';

export interface CompilationJobRequest {
  CompilationJobName: string;
  RoleArn: string;
  InputConfig: { S3Uri: string; DataInputConfig: string; Framework: string; FrameworkVersion?: string };
  OutputConfig: { S3OutputLocation: string; TargetDevice?: string; TargetPlatform?: { Os: string; Arch: string; Accelerator?: string } };
  StoppingCondition: { MaxRuntimeInSeconds: number };
  Tags: { Key: string; Value: string }[];
}

export const compilationJobName = (line: string, target: EdgeTarget, pkg: ApprovedPackage): string =>
  boundedName(`${line}-${target.name}`, `v${pkg.version}-${shortHash(`${pkg.arn}|${target.name}`, 6)}`);

/** The artifact Neo compiles: the first container that has one (the model, not a pre-processing step's code). */
export const modelArtifact = (pkg: ApprovedPackage): string | undefined => pkg.containers.find((c) => c.ModelDataUrl)?.ModelDataUrl;

export function compilationJobRequest(line: string, target: EdgeTarget, pkg: ApprovedPackage, artifact: string): CompilationJobRequest {
  return {
    CompilationJobName: compilationJobName(line, target, pkg),
    RoleArn: target.roleArn,
    InputConfig: { S3Uri: artifact, DataInputConfig: target.dataInputConfig, Framework: target.framework, ...(target.frameworkVersion ? { FrameworkVersion: target.frameworkVersion } : {}) },
    OutputConfig: {
      S3OutputLocation: target.outputS3Uri,
      ...(target.targetDevice ? { TargetDevice: target.targetDevice } : {}),
      ...(target.targetPlatform
        ? { TargetPlatform: { Os: target.targetPlatform.os, Arch: target.targetPlatform.arch, ...(target.targetPlatform.accelerator ? { Accelerator: target.targetPlatform.accelerator } : {}) } }
        : {}),
    },
    StoppingCondition: { MaxRuntimeInSeconds: target.maxRuntimeSeconds },
    Tags: [
      { Key: 'shepherd:model', Value: line },
      { Key: 'shepherd:edgeTarget', Value: target.name },
      { Key: 'shepherd:modelPackageVersion', Value: String(pkg.version) },
    ],
  };
}
