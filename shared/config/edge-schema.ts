// A model line's edge targets: what each SageMaker Neo build compiles for (docs/aws-sagemaker.md, "What Neo needs").
import { z } from 'zod';
import { RECENT_LIMIT } from '../domain/recent';
import { neoDevice, neoFrameworkVersion, roleArn, s3Uri } from './aws-values';
import { sageMakerName } from './names';
import { whenParsed } from './refine';

// InputConfig.FrameworkVersion "is only supported for the MXNet, PyTorch, TensorFlow and TensorFlow Lite frameworks"
// (docs/aws-sagemaker.md, "What Neo needs").
const VERSIONED_FRAMEWORKS = ['MXNET', 'PYTORCH', 'TENSORFLOW', 'TFLITE'];

// A line's edge state remembers the last RECENT_LIMIT job names to recognise a repeated approval: with at most 20
// targets (half of it) it holds all the builds of the last two packages approved.
export const MAX_EDGE_TARGETS = Math.floor(RECENT_LIMIT / 2);

// CreateCompilationJob takes CompilerOptions as a JSON string of 3 to 1024 characters.
const MAX_COMPILER_OPTIONS = 1024;

/** Neo reads the inputs' names and shapes as a JSON dictionary (`{"data": [1, 3, 224, 224]}`). */
function isInputDictionary(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

export const edgeTargetSchema = z
  .strictObject({
    name: sageMakerName(20, 'it is part of the compilation job name'),
    targetDevice: neoDevice.optional(),
    targetPlatform: z
      .strictObject({
        os: z.enum(['ANDROID', 'LINUX']),
        arch: z.enum(['X86_64', 'X86', 'ARM64', 'ARM_EABI', 'ARM_EABIHF']),
        accelerator: z.enum(['INTEL_GRAPHICS', 'MALI', 'NVIDIA', 'NNA']).optional(),
      })
      .optional(),
    /** Neo's compiler options for the target (`mcpu`, `gpu-code`, `ANDROID_PLATFORM`…), sent as JSON. */
    compilerOptions: z.record(z.string(), z.unknown()).optional(),
    framework: z.enum(['TENSORFLOW', 'KERAS', 'MXNET', 'ONNX', 'PYTORCH', 'XGBOOST', 'TFLITE', 'DARKNET', 'SKLEARN']),
    frameworkVersion: neoFrameworkVersion.optional(),
    dataInputConfig: z.string().min(1).max(1024, 'must be at most 1024 characters').refine(isInputDictionary, {
      message: 'must be a JSON dictionary of input names and shapes, such as {"data": [1, 20]}',
    }),
    outputS3Uri: s3Uri,
    roleArn,
    maxRuntimeSeconds: z.number().int().positive().default(900),
  })
  .superRefine(
    (t, ctx) => {
      if (!t.targetDevice === !t.targetPlatform)
        ctx.addIssue({
          code: 'custom',
          path: ['targetDevice'],
          message: 'needs exactly one of targetDevice or targetPlatform',
        });
    },
    whenParsed(['targetDevice'], ['targetPlatform']),
  )
  .superRefine(
    (t, ctx) => {
      const length = t.compilerOptions ? JSON.stringify(t.compilerOptions).length : 0;
      if (t.targetPlatform?.accelerator === 'NVIDIA' && !t.compilerOptions)
        ctx.addIssue({
          code: 'custom',
          path: ['compilerOptions'],
          message: 'Neo requires compiler options (gpu-code, trt-ver, cuda-ver) to compile for an NVIDIA accelerator',
        });
      if (length > MAX_COMPILER_OPTIONS)
        ctx.addIssue({
          code: 'custom',
          path: ['compilerOptions'],
          message: `at most ${MAX_COMPILER_OPTIONS} characters as JSON (CreateCompilationJob), not ${length}`,
        });
    },
    whenParsed(['targetPlatform'], ['compilerOptions']),
  );

export type EdgeTarget = z.output<typeof edgeTargetSchema>;

/**
 * A framework version given for a framework Neo takes none for: refused at load, naming the line and the target, rather
 * than sent with every build of every approval. Which versions of a framework Neo compiles differs by target and
 * changes with Neo's releases, so the version itself is left to Neo.
 */
export function checkFrameworkVersions(
  line: { name: string; edgeTargets: EdgeTarget[] },
  ctx: z.core.$RefinementCtx,
): void {
  line.edgeTargets.forEach((target, i) => {
    if (target.frameworkVersion === undefined || VERSIONED_FRAMEWORKS.includes(target.framework)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['edgeTargets', i, 'frameworkVersion'],
      message:
        `edge target ${target.name} of ${line.name} compiles ${target.framework}, for which Neo takes no framework ` +
        'version (InputConfig.FrameworkVersion is for MXNET, PYTORCH, TENSORFLOW and TFLITE only)',
    });
  });
}
