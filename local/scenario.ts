// Scenarios are data: what the world does (uploads, alarms, how each training goes) and what must follow. This is
// their format; local/scenario-file.ts reads one from its YAML file. How a scenario scripts SageMaker (trainings,
// pipelines, endpoint outcomes, faults, drift) is local/scenario-sagemaker.ts.
import { z } from 'zod';
import { seededEndpointSchema, seededNotebookSchema, seededTrainingJobSchema } from './cost-world';
import { duration } from './scenario-duration';
import { sageMakerScripts } from './scenario-sagemaker';
import { seededStudioDomainSchema } from './studio-world';
import { trafficSpecSchema } from './traffic/spec';

/**
 * A model package as a scenario author knows it before the run: its group and version (the Nth package registered
 * in the group), as the traffic's per-package behaviour names it. An ARN holds the account and region, known later.
 */
export const packageRef = z
  .string()
  .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[1-9]\d*$/, 'a model package as group/version, such as churn-models/2');

const step = z.strictObject({
  at: duration,
  note: z.string().optional(),
  upload: z
    .strictObject({
      bucket: z.string(),
      prefix: z.string(),
      count: z.number().int().positive(),
      every: duration.default(0),
      size: z
        .number()
        .int()
        .nonnegative()
        .default(512 * 1024),
      /** How many of these objects S3 reports twice (two events, same object). */
      duplicates: z.number().int().nonnegative().default(0),
    })
    .optional(),
  alarm: z
    .strictObject({
      name: z.string(),
      state: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
      reason: z.string().default('set by the scenario'),
    })
    .optional(),
  /** The platform team adds target-tracking autoscaling to a serving variant, as they would in the console. */
  autoscale: z
    .strictObject({
      endpoint: z.string(),
      variant: z.string(),
      min: z.number().int().positive(),
      max: z.number().int().positive(),
      invocationsPerInstance: z.number().positive(),
    })
    .optional(),
  /**
   * A person rejects the package in the registry (UpdateModelPackage, ModelApprovalStatus Rejected), whatever it
   * is then: waiting for approval, in its canary, or serving since its promotion.
   */
  reject: z
    .strictObject({
      package: packageRef,
      reason: z.string().min(1).max(1024).default('rejected by a person in the local scenario'),
      /** `serving`: not at `at` exactly, but as soon as from then on the package serves a share of traffic. */
      once: z.enum(['serving']).optional(),
    })
    .optional(),
});

const expectation = z.strictObject({
  trainingJobs: z.record(z.string(), z.number().int().nonnegative()).default({}),
  completedTrainings: z.record(z.string(), z.number().int().nonnegative()).default({}),
  modelPackages: z.record(z.string(), z.number().int().nonnegative()).default({}),
  approvedPackages: z.record(z.string(), z.number().int().nonnegative()).default({}),
  domainEvents: z.record(z.string(), z.number().int().nonnegative()).default({}),
  notifications: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** Findings of each kind in the latest cost sweep (its Cost Sweep Completed event's findingsByKind). */
  costFindings: z.record(z.string(), z.number().int().nonnegative()).default({}),
  deadLetters: z.number().int().nonnegative().default(0),
});

export const scenarioSchema = z.strictObject({
  name: z.string(),
  description: z.string().default(''),
  /** The shepherd.yml this scenario is about, relative to the scenario file; `npm start -- --config` overrides it. */
  config: z.string().min(1).optional(),
  speed: z.number().positive().default(240),
  start: z.iso.datetime().default('2026-11-27T00:00:00Z'),
  /**
   * Who answers approval requests: `scenario` (the run approves, or asks on a terminal and waits for a link), or
   * `none` (nobody: a person or a script tries the links and the CLI).
   */
  approver: z.enum(['scenario', 'none']).default('scenario'),
  /** The packages whose approval request the scenario's approver answers Reject rather than Approve. */
  rejects: z.array(packageRef).default([]),
  /** Virtual time after which an unmet expectation is a failure. */
  timeout: duration.default(6 * 3_600_000),
  setup: z
    .strictObject({
      modelPackageGroups: z.array(z.string()).default([]),
      pipelines: z.array(z.string()).default([]),
      alarms: z.array(z.string()).default([]),
      /** What the account already runs, for the cost sweep: endpoints with their past traffic, notebooks, jobs. */
      endpoints: z.array(seededEndpointSchema).default([]),
      notebooks: z.array(seededNotebookSchema).default([]),
      trainingJobs: z.array(seededTrainingJobSchema).default([]),
      /** Studio domains (with or without idle shutdown) and the apps running in them. */
      studioDomains: z.array(seededStudioDomainSchema).default([]),
    })
    .default({
      modelPackageGroups: [],
      pipelines: [],
      alarms: [],
      endpoints: [],
      notebooks: [],
      trainingJobs: [],
      studioDomains: [],
    }),
  trainings: sageMakerScripts.trainings,
  pipelines: sageMakerScripts.pipelines,
  steps: z.array(step).default([]),
  endpointOutcomes: sageMakerScripts.endpointOutcomes,
  faults: sageMakerScripts.faults,
  monitoring: sageMakerScripts.monitoring,
  /** Synthetic requests to endpoints, per variant by the model package it serves (local/traffic). */
  traffic: z.array(trafficSpecSchema).default([]),
  expect: expectation.default({} as never),
});

export type Scenario = z.output<typeof scenarioSchema>;
