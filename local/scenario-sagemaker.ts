// How a scenario scripts the emulated SageMaker (local/cloud/scripted-sagemaker.ts): how each training job and
// pipeline execution goes, how the nth endpoint operation ends, which requests are refused, and what Model Monitor
// finds drifted. Its own module because these are SageMaker's behaviour, not the world's steps or expectations.
import { z } from 'zod';
import { duration } from './scenario-duration';

const metrics = z.record(z.string(), z.number());

const trainingScript = z.strictObject({
  note: z.string().optional(),
  training: duration.default(10 * 60_000),
  interruptions: z.array(z.strictObject({ after: duration, lasting: duration })).default([]),
  outcome: z.enum(['Completed', 'Failed', 'MaxWaitTimeExceeded', 'MaxRuntimeExceeded']),
  metrics: metrics.default({}),
  failureReason: z.string().optional(),
});

const pipelineScript = z.strictObject({
  note: z.string().optional(),
  duration: duration.default(15 * 60_000),
  outcome: z.enum(['Succeeded', 'Failed']),
  failureReason: z.string().optional(),
  registers: z
    .strictObject({
      group: z.string(),
      approvalStatus: z.enum(['Approved', 'PendingManualApproval']),
      metrics: metrics.default({}),
    })
    .optional(),
});

/** The scenario's members (scenario.ts) that script SageMaker. */
export const sageMakerScripts = {
  trainings: z.record(z.string(), z.array(trainingScript)).default({}),
  pipelines: z.record(z.string(), z.array(pipelineScript)).default({}),
  /** How the nth endpoint operation of a kind goes (default: InService after SageMaker's usual minutes). */
  endpointOutcomes: z
    .array(
      z.strictObject({
        endpoint: z.string(),
        operation: z.enum(['CreateEndpoint', 'UpdateEndpoint', 'UpdateEndpointWeightsAndCapacities']),
        nth: z.number().int().positive().default(1),
        outcome: z.enum(['InService', 'Failed', 'RolledBack']),
        failureReason: z.string().optional(),
      }),
    )
    .default([]),
  /**
   * SageMaker requests refused as AWS refuses an invalid one: the nth call of an operation, and `times` calls from
   * it on (default: every later one, as AWS refuses the same request every time).
   */
  faults: z
    .array(
      z.strictObject({
        note: z.string().optional(),
        operation: z.string().regex(/^[A-Z][A-Za-z]+$/, 'must be a SageMaker operation such as UpdateEndpoint'),
        nth: z.number().int().positive().default(1),
        times: z.number().int().positive().optional(),
        error: z
          .string()
          .regex(/^[A-Z][A-Za-z]+$/, 'must be an AWS error code such as ValidationException')
          .default('ValidationException'),
        message: z.string().min(1),
      }),
    )
    .default([]),
  /**
   * Per endpoint, from which time on Model Monitor's executions find drift in which features (`drifted: []` ends
   * it). Every feature named here is in the baseline; the drifted ones go over it.
   */
  monitoring: z
    .record(
      z.string(),
      z.array(z.strictObject({ at: duration, note: z.string().optional(), drifted: z.array(z.string().min(1)) })),
    )
    .default({}),
};
