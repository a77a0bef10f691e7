// Contracts of the domain events Shepherd publishes on its own bus, for the rules and services that consume them.
// Each names what a consumer may rely on; other fields pass through, and new ones may be added. No function loads
// this module: the default scenario checks every event Shepherd publishes against it (test/e2e), and each event
// type has a sample in events/ that must pass it.
import * as z from 'zod/mini';
import type { DomainEventType } from '../domain/actions';
import '../validation';
import { envelope } from './aws';
import { driftDescriptionRequestedEvent, approvalLinksRequestedEvent } from './shepherd';

const text = () => z.string().check(z.minLength(1));
const arn = () => z.string().check(z.regex(/^arn:aws[a-z-]*:sagemaker:/, 'a SageMaker ARN'));
const isoTime = () => z.iso.datetime({ offset: true });
const count = () => z.number().check(z.int(), z.nonnegative());
const published = <T extends DomainEventType, D extends z.ZodMiniObject>(detailType: T, detail: D) =>
  envelope('shepherd', detailType, z.looseObject({ ...detail.shape }));

const deployment = z.object({
  model: text(),
  endpoint: text(),
  deploymentId: text(),
  modelPackageArn: arn(),
});
const ended = z.object({
  ...deployment.shape,
  outcome: z.enum(['promoted', 'rolled_back', 'failed']),
  reason: text(),
  judgements: count(),
});

export const PUBLISHED_EVENTS = {
  'Retraining Started': published(
    'Retraining Started',
    z.object({
      model: text(),
      trainingJobName: text(),
      kind: z.enum(['job', 'tuning', 'pipeline']),
      trigger: z.enum(['data', 'drift', 'schedule', 'coalesced', 'manual']),
      triggerId: text(),
      startedAt: isoTime(),
    }),
  ),
  'Training Rejected': published(
    'Training Rejected',
    z.object({ model: text(), trainingJobName: text(), reasons: z.array(text()).check(z.minLength(1)) }),
  ),
  'Model Registered': published(
    'Model Registered',
    z.object({
      model: text(),
      modelPackageArn: arn(),
      modelPackageGroup: text(),
      trainingJobName: text(),
      approvalStatus: z.enum(['Approved', 'PendingManualApproval']),
    }),
  ),
  'Approval Requested': published(
    'Approval Requested',
    z.object({ model: text(), modelPackageArn: arn(), trainingJobName: text(), approvers: z.array(text()) }),
  ),
  'Deployment Started': published('Deployment Started', deployment),
  'Canary Step Passed': published(
    'Canary Step Passed',
    z.object({ ...deployment.shape, weight: z.number().check(z.gt(0), z.lt(100)), step: count() }),
  ),
  'Deployment Promoted': published('Deployment Promoted', z.object({ ...ended.shape, outcome: z.literal('promoted') })),
  'Deployment Rolled Back': published(
    'Deployment Rolled Back',
    z.object({ ...ended.shape, outcome: z.enum(['rolled_back', 'failed']) }),
  ),
  'Edge Artifact Ready': published(
    'Edge Artifact Ready',
    z.object({
      model: text(),
      target: text(),
      compilationJobName: text(),
      modelPackageArn: arn(),
      artifactS3Uri: text(),
    }),
  ),
  'Cost Sweep Completed': published(
    'Cost Sweep Completed',
    z.object({
      at: isoTime(),
      estimatedMonthlySavingUsd: z.nullable(z.number()),
      unpricedFindings: count(),
      actionsTaken: count(),
      failures: count(),
      findings: z.array(z.looseObject({ kind: text() })),
    }),
  ),
  'Monitoring Ensured': published(
    'Monitoring Ensured',
    z.object({
      model: text(),
      endpointName: text(),
      modelPackageArn: arn(),
      monitoringScheduleName: text(),
      alarmName: text(),
    }),
  ),
  'Drift Detected': published(
    'Drift Detected',
    z.object({ model: text(), endpointName: text(), alarmName: text(), features: z.array(text()) }),
  ),
  'Approval Links Requested': approvalLinksRequestedEvent,
  'Drift Description Requested': driftDescriptionRequestedEvent,
} satisfies Record<DomainEventType, z.ZodMiniType>;

/** The contract of a published event's detail type; undefined for one Shepherd does not publish. */
export const contractOf = (detailType: string): z.ZodMiniType | undefined =>
  Object.hasOwn(PUBLISHED_EVENTS, detailType) ? PUBLISHED_EVENTS[detailType as DomainEventType] : undefined;
