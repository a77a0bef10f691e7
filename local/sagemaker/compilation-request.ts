// CreateCompilationJob's request (SageMaker Neo): the model to compile — an S3 artifact with its framework
// (InputConfig), or a registered package (ModelPackageVersionArn) — and the target — a device, or a platform
// (OS, architecture, accelerator) — checked against the service model, enums in its order, then Neo's rules. The
// devices are the config's list (shared/config/aws-values.ts), which the SDK's enum checks by type.
import { NEO_DEVICES } from '../../shared/config/aws-values';
import { Checker, invalid, P, type Json } from './validation';

export interface CompilationRequest {
  name: string;
  roleArn: string;
  packageArn?: string;
  input?: Json;
  output: Json;
  /** the TargetDevice, or the TargetPlatform as OS_ARCH[_ACCELERATOR] */
  target: string;
  stopping: Json;
  vpc?: Json;
  tags: { Key: string; Value: string }[];
}

export const FRAMEWORKS = [
  'TENSORFLOW',
  'KERAS',
  'MXNET',
  'ONNX',
  'PYTORCH',
  'XGBOOST',
  'TFLITE',
  'DARKNET',
  'SKLEARN',
];
const OS = ['ANDROID', 'LINUX'];
const ARCH = ['X86_64', 'X86', 'ARM64', 'ARM_EABI', 'ARM_EABIHF'];
const ACCELERATORS = ['INTEL_GRAPHICS', 'MALI', 'NVIDIA', 'NNA'];
const path = Checker.path;

function inputConfig(c: Checker, value: unknown): Json | undefined {
  const i = c.struct(value, 'inputConfig');
  if (!i) return undefined;
  c.required(i.S3Uri, 'inputConfig.s3Uri');
  c.string(i.S3Uri, 'inputConfig.s3Uri', { max: 1024, pattern: P.s3Uri });
  c.string(i.DataInputConfig, 'inputConfig.dataInputConfig', { min: 1, max: 1024 });
  c.required(i.Framework, 'inputConfig.framework');
  c.string(i.Framework, 'inputConfig.framework', { enum: FRAMEWORKS });
  c.string(i.FrameworkVersion, 'inputConfig.frameworkVersion', { min: 3, max: 10, pattern: P.frameworkVersion });
  return i;
}

/** The output config and the target it names ('' when it names none; Neo's rule below reports that). */
function outputConfig(c: Checker, value: unknown): { output: Json; target: string; both: boolean } {
  c.required(value, 'outputConfig');
  const o = c.struct(value, 'outputConfig') ?? {};
  if (value !== undefined && value !== null) c.required(o.S3OutputLocation, 'outputConfig.s3OutputLocation');
  c.string(o.S3OutputLocation, 'outputConfig.s3OutputLocation', { max: 1024, pattern: P.s3Uri });
  const device = c.string(o.TargetDevice, 'outputConfig.targetDevice', { enum: [...NEO_DEVICES] });
  const platform = c.struct(o.TargetPlatform, 'outputConfig.targetPlatform');
  let target = device ?? '';
  if (platform) {
    const p = 'outputConfig.targetPlatform';
    c.required(platform.Os, path(p, 'Os'));
    c.required(platform.Arch, path(p, 'Arch'));
    const parts = [
      c.string(platform.Os, path(p, 'Os'), { enum: OS }),
      c.string(platform.Arch, path(p, 'Arch'), { enum: ARCH }),
      c.string(platform.Accelerator, path(p, 'Accelerator'), { enum: ACCELERATORS }),
    ];
    target ||= parts.filter((x) => x !== undefined).join('_');
  }
  c.string(o.CompilerOptions, 'outputConfig.compilerOptions', { min: 3, max: 1024 });
  c.string(o.KmsKeyId, 'outputConfig.kmsKeyId', { max: 2048, pattern: P.kmsKeyId });
  return { output: o, target, both: device !== undefined && platform !== undefined };
}

function stoppingCondition(c: Checker, value: unknown): Json {
  c.required(value, 'stoppingCondition');
  const s = c.struct(value, 'stoppingCondition') ?? {};
  c.int(s.MaxRuntimeInSeconds, 'stoppingCondition.maxRuntimeInSeconds', { min: 1 });
  c.int(s.MaxWaitTimeInSeconds, 'stoppingCondition.maxWaitTimeInSeconds', { min: 1 });
  c.int(s.MaxPendingTimeInSeconds, 'stoppingCondition.maxPendingTimeInSeconds', { min: 7200, max: 2_419_200 });
  return s;
}

/** Validates a CreateCompilationJob input: every model violation at once, then what Neo needs to know. */
export function compilationRequest(input: Json): CompilationRequest {
  const c = new Checker();
  c.required(input.CompilationJobName, 'compilationJobName');
  const name =
    c.string(input.CompilationJobName, 'compilationJobName', { min: 1, max: 63, pattern: P.entityName }) ?? '';
  c.required(input.RoleArn, 'roleArn');
  const roleArn = c.string(input.RoleArn, 'roleArn', { min: 20, max: 2048, pattern: P.roleArn }) ?? '';
  const packageArn = c.string(input.ModelPackageVersionArn, 'modelPackageVersionArn', {
    min: 1,
    max: 2048,
    pattern: P.modelPackageArn,
  });
  const given = inputConfig(c, input.InputConfig);
  const { output, target, both } = outputConfig(c, input.OutputConfig);
  const stopping = stoppingCondition(c, input.StoppingCondition);
  const vpc = c.vpc(input.VpcConfig);
  const tags = c.tags(input.Tags);
  c.done();
  if (given && packageArn !== undefined)
    throw invalid('InputConfig and ModelPackageVersionArn are mutually exclusive: specify one of them.');
  if (!given && packageArn === undefined)
    throw invalid('Either InputConfig or ModelPackageVersionArn must be specified.');
  if (both || !target)
    throw invalid(
      'TargetDevice and TargetPlatform are mutually exclusive: specify exactly one of them in OutputConfig.',
    );
  // OutputConfig.CompilerOptions "is required for NVIDIA accelerators" (docs/aws-sagemaker.md).
  if ((output.TargetPlatform as Json | undefined)?.Accelerator === 'NVIDIA' && output.CompilerOptions === undefined)
    throw invalid(
      'CompilerOptions is required for an NVIDIA accelerator (OutputConfig.TargetPlatform.Accelerator): ' +
        'specify gpu-code, trt-ver and cuda-ver.',
    );
  return {
    name,
    roleArn,
    output,
    target,
    stopping,
    tags,
    ...(packageArn !== undefined ? { packageArn } : {}),
    ...(given ? { input: given } : {}),
    ...(vpc ? { vpc } : {}),
  };
}
