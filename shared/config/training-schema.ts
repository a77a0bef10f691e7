// How a model line trains: one training job (training-job-schema.ts), a hyperparameter tuning job
// (tuning-schema.ts) or a SageMaker pipeline of its owner's (pipeline-schema.ts).
import { z } from 'zod';
import { pipelineTraining } from './pipeline-schema';
import { whenParsed } from './refine';
import { checkSpotWait, jobShape } from './training-job-schema';
import { checkTuning, tuningShape } from './tuning-schema';

const jobTraining = z
  .strictObject({
    type: z.literal('job'),
    ...jobShape,
    maxSpotRetries: z.number().int().min(0).max(10).default(2),
  })
  .superRefine(checkSpotWait, whenParsed(['spot'], ['stoppingCondition']));

// Spot and checkpoints apply to every child job; a child lost to spot is the tuning job's to handle.
const tuningTraining = z
  .strictObject({ type: z.literal('tuning'), ...jobShape, ...tuningShape })
  .superRefine(checkSpotWait, whenParsed(['spot'], ['stoppingCondition']))
  .superRefine(
    checkTuning,
    whenParsed(['parameterRanges'], ['hyperparameters'], ['resourceLimits'], ['strategy'], ['earlyStopping']),
  );

export const trainingSchema = z.discriminatedUnion('type', [jobTraining, tuningTraining, pipelineTraining]);

export type JobTraining = z.infer<typeof jobTraining>;
export type TuningTraining = z.infer<typeof tuningTraining>;
