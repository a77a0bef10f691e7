// One model line of shepherd.yml: its names, what trains it (training-schema.ts), what starts a retraining, the
// guards, the quality gate and approval, and where it is deployed and watched.
import { z } from 'zod';
import { approverKey } from '../domain/approval/check';
import { MAX_LINK_TTL_HOURS } from '../domain/approval/lifetime';
import { deploymentSchema } from './deployment-schema';
import { checkFrameworkVersions, edgeTargetSchema, MAX_EDGE_TARGETS } from './edge-schema';
import { monitoringSchema } from './monitoring-schema';
import { whenParsed } from './refine';
import { sageMakerName } from './names';
import { scheduleExpression } from './schedule';
import { checkPipelineParameters } from './pipeline-schema';
import { trainingSchema } from './training-schema';
import { checkTrainingUris } from './training-uris';

const positiveInt = z.number().int().positive();

/** A list whose items are told apart by `key`: a second item of one key is a problem at its index (and `path`). */
const eachOnce =
  <T>(key: (item: T) => string, path: PropertyKey[], why: string) =>
  (items: T[], ctx: z.core.$RefinementCtx) =>
    items.forEach((item, i) => {
      if (items.findIndex((other) => key(other) === key(item)) < i)
        ctx.addIssue({ code: 'custom', path: [i, ...path], message: `names ${key(item)} again: ${why}` });
    });

const dataTrigger = z
  .strictObject({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
    prefix: z.string().default(''),
    minObjects: positiveInt.optional(),
    minBytes: positiveInt.optional(),
    quietPeriodSeconds: z.number().int().min(0).default(300),
    // A stream that never goes quiet must still train eventually.
    maxWaitSeconds: positiveInt.default(24 * 3600),
  })
  .superRefine(
    (d, ctx) => {
      if (d.minObjects === undefined && d.minBytes === undefined) {
        const message = 'needs minObjects or minBytes (the threshold that starts a retraining)';
        ctx.addIssue({ code: 'custom', message });
      }
    },
    whenParsed(['minObjects'], ['minBytes']),
  );

export const modelLineSchema = z
  .strictObject({
    name: sageMakerName(63),
    modelPackageGroup: sageMakerName(63),
    training: trainingSchema,
    triggers: z
      .strictObject({
        data: z.array(dataTrigger).default([]),
        driftAlarms: z.array(z.string().min(1).max(255)).default([]),
        schedule: scheduleExpression.optional(),
      })
      .default({ data: [], driftAlarms: [] }),
    guards: z
      .strictObject({
        cooldownMinutes: z.number().min(0).default(60),
        maxTrainingsPerDay: positiveInt.default(4),
        // A training that has not been heard of for this long is looked up with DescribeTrainingJob.
        stalledAfterMinutes: positiveInt.default(30),
      })
      .default({ cooldownMinutes: 60, maxTrainingsPerDay: 4, stalledAfterMinutes: 30 }),
    // A job's or tuning job's model passes it before it is registered; a pipeline's own steps evaluate its model.
    qualityGate: z
      .strictObject({
        metric: z.string().min(1),
        direction: z.enum(['maximize', 'minimize']),
        floor: z.number().optional(),
        margin: z.number().min(0).default(0),
      })
      .optional(),
    approval: z
      .strictObject({
        mode: z.enum(['manual', 'auto']).default('manual'),
        // Each approver gets links of their own, signed with their address: one set each, of a bounded size.
        approvers: z
          .array(z.string().min(1).max(254, 'at most 254 characters (the longest e-mail address)'))
          .superRefine(eachOnce(approverKey, [], 'each approver gets one set of links'))
          .default([]),
        linkTtlHours: positiveInt.max(MAX_LINK_TTL_HOURS).default(24),
      })
      .default({ mode: 'manual', approvers: [], linkTtlHours: 24 }),
    deployment: deploymentSchema.optional(),
    monitoring: monitoringSchema.optional(),
    // A build's compilation job and output folder are named after its target: two of one name would be one build.
    edgeTargets: z
      .array(edgeTargetSchema)
      .superRefine((targets, ctx) => {
        if (targets.length <= MAX_EDGE_TARGETS) return;
        const message =
          `at most ${MAX_EDGE_TARGETS} edge targets, not ${targets.length}: each approved package starts one Neo ` +
          'build per target, and a line remembers the builds of its last two packages';
        ctx.addIssue({ code: 'custom', message });
      })
      .superRefine(
        eachOnce(
          (target) => target.name,
          ['name'],
          'each edge target needs a name of its own, which its compilation jobs ' +
            'and their output folder are named after',
        ),
      )
      .default([]),
  })
  .superRefine(
    (line, ctx) => {
      const pipeline = line.training.type === 'pipeline';
      if (pipeline === (line.qualityGate === undefined)) return;
      const message = pipeline
        ? 'qualityGate is not used by pipeline lines: the pipeline’s own steps evaluate the model'
        : 'required: a job or tuning line’s model is registered only once it passed the gate';
      ctx.addIssue({ code: 'custom', path: ['qualityGate'], message });
    },
    whenParsed(['training'], ['qualityGate']),
  )
  .superRefine(checkPipelineParameters, whenParsed(['training']))
  .superRefine(checkTrainingUris, whenParsed(['name'], ['training']))
  .superRefine(checkFrameworkVersions, whenParsed(['name'], ['edgeTargets']));

export type DataTrigger = z.infer<typeof dataTrigger>;
