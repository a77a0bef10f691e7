// Contracts of the domain events Shepherd publishes on its own bus, for the rules and services that consume them.
// Each names what a consumer may rely on; other fields pass through, and new ones may be added. No function loads
// this module: the default scenario checks every event Shepherd publishes against it (test/e2e), and each event
// type has a sample in events/ that must pass it. The domain's events are typed by them (DomainEventDetail in
// shared/domain/actions.ts), so a detail that leaves out or mistypes a promised field does not compile.
import * as v from 'valibot';
import { count, isoTime, looseObject, object, text } from '../validation';
import { envelope } from './aws';
import { approvalLinksRequestedEvent, driftDescriptionRequestedEvent } from './shepherd';

/** The detail types of Shepherd's domain events: each has its contract below. */
export type DomainEventType =
  | 'Retraining Started'
  | 'Training Rejected'
  | 'Model Registered'
  | 'Approval Requested'
  | 'Deployment Started'
  | 'Canary Step Passed'
  | 'Deployment Promoted'
  | 'Deployment Rolled Back'
  | 'Edge Artifact Ready'
  | 'Cost Sweep Completed'
  | 'Monitoring Ensured'
  | 'Drift Detected'
  /** Shepherd's own hand-over: a notification whose links only sendApprovalLinks, which holds the key, may sign. */
  | 'Approval Links Requested'
  /** The reconciler's hand-over of a drift alarm change whose event never reached describeDrift. */
  | 'Drift Description Requested';

const arn = () => v.pipe(v.string(), v.regex(/^arn:aws[a-z-]*:sagemaker:/, 'a SageMaker ARN'));
const published = <T extends DomainEventType, E extends v.ObjectEntries>(
  detailType: T,
  detail: v.ObjectSchema<E, undefined>,
) => envelope('shepherd', detailType, looseObject(detail.entries));

const deployment = object({
  model: text(),
  endpoint: text(),
  deploymentId: text(),
  modelPackageArn: arn(),
});
const ended = object({
  ...deployment.entries,
  outcome: v.picklist(['promoted', 'rolled_back', 'failed']),
  reason: text(),
  judgements: count(),
});

export const PUBLISHED_EVENTS = {
  'Retraining Started': published(
    'Retraining Started',
    object({
      model: text(),
      trainingJobName: text(),
      kind: v.picklist(['job', 'tuning', 'pipeline']),
      trigger: v.picklist(['data', 'drift', 'schedule', 'coalesced', 'manual']),
      triggerId: text(),
      startedAt: isoTime(),
    }),
  ),
  'Training Rejected': published(
    'Training Rejected',
    object({ model: text(), trainingJobName: text(), reasons: v.pipe(v.array(text()), v.minLength(1)) }),
  ),
  'Model Registered': published(
    'Model Registered',
    object({
      model: text(),
      modelPackageArn: arn(),
      modelPackageGroup: text(),
      /** A pipeline line's: the execution's display name, as in its Retraining Started. */
      trainingJobName: text(),
      /** Set when a pipeline execution registered the package (its ARN). */
      pipelineExecution: v.optional(text()),
      approvalStatus: v.picklist(['Approved', 'PendingManualApproval']),
    }),
  ),
  'Approval Requested': published(
    'Approval Requested',
    object({
      model: text(),
      modelPackageArn: arn(),
      trainingJobName: text(),
      pipelineExecution: v.optional(text()),
      approvers: v.array(text()),
    }),
  ),
  'Deployment Started': published('Deployment Started', deployment),
  'Canary Step Passed': published(
    'Canary Step Passed',
    object({ ...deployment.entries, weight: v.pipe(v.number(), v.gtValue(0), v.ltValue(100)), step: count() }),
  ),
  'Deployment Promoted': published('Deployment Promoted', object({ ...ended.entries, outcome: v.literal('promoted') })),
  'Deployment Rolled Back': published(
    'Deployment Rolled Back',
    object({ ...ended.entries, outcome: v.picklist(['rolled_back', 'failed']) }),
  ),
  'Edge Artifact Ready': published(
    'Edge Artifact Ready',
    object({
      model: text(),
      target: text(),
      compilationJobName: text(),
      modelPackageArn: arn(),
      artifactS3Uri: text(),
    }),
  ),
  'Cost Sweep Completed': published(
    'Cost Sweep Completed',
    object({
      at: isoTime(),
      estimatedMonthlySavingUsd: v.nullable(v.number()),
      unpricedFindings: count(),
      // Apart from the monthly figure: a training run's saving is not a month's.
      estimatedTrainingSavingUsd: v.nullable(v.number()),
      unpricedTrainingRuns: count(),
      actionsTaken: count(),
      failures: count(),
      findings: v.array(object({ kind: text() })),
    }),
  ),
  'Monitoring Ensured': published(
    'Monitoring Ensured',
    object({
      model: text(),
      endpointName: text(),
      modelPackageArn: arn(),
      monitoringScheduleName: text(),
      alarmName: text(),
    }),
  ),
  'Drift Detected': published(
    'Drift Detected',
    object({ model: text(), endpointName: text(), alarmName: text(), features: v.array(text()) }),
  ),
  'Approval Links Requested': approvalLinksRequestedEvent,
  'Drift Description Requested': driftDescriptionRequestedEvent,
} satisfies Record<DomainEventType, v.GenericSchema>;

/** The contract of a published event's detail type; undefined for one Shepherd does not publish. */
export const contractOf = (detailType: string): v.GenericSchema | undefined =>
  Object.hasOwn(PUBLISHED_EVENTS, detailType) ? PUBLISHED_EVENTS[detailType as DomainEventType] : undefined;
