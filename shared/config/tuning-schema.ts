// What a line trained by hyperparameter tuning adds to a job line: the objective, the ranges searched, the strategy,
// the resource limits and early stopping (docs/aws-tuning.md). The job fields describe every child training job.
import { z } from 'zod';
import { parsed } from './refine';

const positiveInt = z.number().int().positive();
const hyperparameterName = z.string().min(1).max(256);
const scaling = z.enum(['Auto', 'Linear', 'Logarithmic', 'ReverseLogarithmic']).default('Auto');

const parameterRange = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('integer'),
    name: hyperparameterName,
    min: z.number().int(),
    max: z.number().int(),
    scaling,
  }),
  z.strictObject({
    type: z.literal('continuous'),
    name: hyperparameterName,
    min: z.number(),
    max: z.number(),
    scaling,
  }),
  z.strictObject({
    type: z.literal('categorical'),
    name: hyperparameterName,
    values: z
      .array(z.union([z.string().min(1).max(256), z.number()]).transform(String))
      .min(1)
      .max(30),
  }),
]);

/** The fields a tuning line has beside those of a job line. */
export const tuningShape = {
  objective: z.strictObject({
    metric: z.string().min(1).max(255),
    type: z.enum(['Maximize', 'Minimize']),
  }),
  // SageMaker searches at most 30 hyperparameters per tuning job.
  parameterRanges: z.array(parameterRange).min(1, 'needs at least one range to search').max(30),
  strategy: z.enum(['Bayesian', 'Random', 'Hyperband', 'Grid']).default('Bayesian'),
  resourceLimits: z.strictObject({
    maxTrainingJobs: positiveInt.max(10_000),
    maxParallelTrainingJobs: positiveInt.max(100),
    /** The whole tuning job's limit; SageMaker's own maximum is 30 days. */
    maxRuntimeSeconds: positiveInt.max(30 * 24 * 3600).optional(),
  }),
  earlyStopping: z.enum(['Off', 'Auto']).default('Off'),
};

interface TuningFields {
  objective: { metric: string; type: 'Maximize' | 'Minimize' };
  parameterRanges: z.infer<typeof parameterRange>[];
  strategy: 'Bayesian' | 'Random' | 'Hyperband' | 'Grid';
  resourceLimits: { maxTrainingJobs: number; maxParallelTrainingJobs: number };
  earlyStopping: 'Off' | 'Auto';
  hyperparameters: Record<string, string>;
}

/** What AWS would refuse, or what cannot make sense, said before anything is deployed. */
export function checkTuning(t: TuningFields, ctx: z.core.$RefinementCtx) {
  const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const seen = new Set<string>();
  t.parameterRanges.forEach((range, i) => {
    if (seen.has(range.name)) problem(['parameterRanges', i, 'name'], `"${range.name}" is searched twice`);
    seen.add(range.name);
    if (range.name in t.hyperparameters)
      problem(
        ['parameterRanges', i, 'name'],
        `"${range.name}" is also a fixed hyperparameter: a hyperparameter is either fixed or searched, not both`,
      );
    if (range.type === 'categorical') return;
    if (range.min >= range.max) problem(['parameterRanges', i, 'max'], `must be greater than min (${range.min})`);
    if (range.scaling === 'Logarithmic' && range.min <= 0)
      problem(['parameterRanges', i, 'min'], 'must be greater than 0 for Logarithmic scaling');
    if (range.scaling === 'ReverseLogarithmic' && (range.type !== 'continuous' || range.min < 0 || range.max >= 1))
      problem(['parameterRanges', i, 'scaling'], 'ReverseLogarithmic applies to continuous ranges within [0, 1) only');
  });
  const limits = t.resourceLimits;
  if (limits.maxParallelTrainingJobs > limits.maxTrainingJobs)
    problem(
      ['resourceLimits', 'maxParallelTrainingJobs'],
      `must be at most maxTrainingJobs (${limits.maxTrainingJobs})`,
    );
  if (t.strategy === 'Hyperband' && t.earlyStopping !== 'Off')
    problem(['earlyStopping'], 'must be Off with the Hyperband strategy, which stops poor jobs itself');
  if (t.strategy === 'Grid')
    t.parameterRanges.forEach((range, i) => {
      if (range.type !== 'categorical')
        problem(['parameterRanges', i, 'type'], 'the Grid strategy searches categorical ranges only');
    });
}

interface GatedLine {
  training: { type: string };
  qualityGate?: { metric: string; direction: string };
}

/** The gate judges the best job by the tuning metric: opposite directions would reject what tuning found best. */
export function checkTuningGates(config: { models: GatedLine[] }, ctx: z.core.$RefinementCtx) {
  config.models.forEach((line, i) => {
    const fine = (...path: PropertyKey[]) => parsed(ctx.issues, ['models', i, ...path]);
    if (line.training?.type !== 'tuning' || !fine('training', 'objective') || !fine('qualityGate')) return;
    const { objective } = line.training as unknown as Pick<TuningFields, 'objective'>;
    if (!line.qualityGate) return;
    const { metric, direction } = line.qualityGate;
    const wanted = objective.type === 'Maximize' ? 'maximize' : 'minimize';
    if (metric === objective.metric && direction !== wanted)
      ctx.addIssue({
        code: 'custom',
        path: ['models', i, 'training', 'objective', 'type'],
        message: `is ${objective.type} but qualityGate.direction is ${direction} for the same metric ${metric}`,
      });
  });
}
