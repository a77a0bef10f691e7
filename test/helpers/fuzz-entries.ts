// What the fuzz tests (test/functions/fuzz.test.ts) feed each function in FUNCTION_SPECS: its event schema, the
// fixtures malformed events are made from, and valid events it must ignore (about something no model line
// configures, or in a state that needs no action). A function added to FUNCTION_SPECS without an entry fails the test.
import fc from 'fast-check';
import type { GenericSchema } from 'valibot';
import {
  alarmStateChangeEvent,
  objectCreatedEvent,
  scheduledEvent,
  scheduledRetrainEvent,
} from '../../shared/events/aws';
import {
  endpointStateChangeEvent,
  modelPackageStateChangeEvent,
  pipelineExecutionStatusChangeEvent,
  trainingJobStateChangeEvent,
  tuningJobStateChangeEvent,
} from '../../shared/events/sagemaker';
import { approvalLinksRequestedEvent, driftToDescribeEvent } from '../../shared/events/shepherd';
import { monitoredAlarmName } from '../../shared/domain/monitoring/alarm-name';
import { exampleConfig } from './config';
import { ignorableEvents, type Json } from './fuzz';
import { hostileText, unconfiguredName } from './fuzz-values';

export interface FuzzEntry {
  /** Why a function is not fuzzed here, where its own tests feed it hostile input instead. */
  elsewhere?: string;
  schema: GenericSchema;
  /** Fixtures in events/ that the schema accepts. */
  fixtures: string[];
  /** Valid events the function must ignore; none for a schedule, whose valid event always acts. */
  ignorable?: fc.Arbitrary<Json>;
}

const lines = exampleConfig().models;
const deployed = lines.flatMap((m) => (m.deployment ? [m.deployment] : []));
const dataTriggers = lines.flatMap((m) => m.triggers.data);
const driftAlarms = lines.flatMap((m) => m.triggers.driftAlarms);
const abortAlarms = deployed.flatMap((d) => d.abortAlarms);
// The drift alarm Shepherd keeps on each monitored endpoint: the only ones describeDrift reads reports for.
const keptAlarms = lines.flatMap((m) =>
  m.monitoring && m.deployment ? [monitoredAlarmName(m.deployment.endpointName)] : [],
);
const pipelines = lines.flatMap((m) => (m.training.type === 'pipeline' ? [m.training.pipelineName] : []));
const jobLines = lines.filter((m) => m.training.type === 'job').map((m) => m.name);

const ALARM_FIXTURES = ['drift-alarm', 'drift-ok', 'abort-alarm', 'unconfigured-alarm'].map(
  (f) => `cloudwatch-alarm-state-change.${f}`,
);
const TRAINING_FIXTURES = ['completed', 'failed', 'stopped-spot', 'in-progress-interrupted', 'completed-retry'].map(
  (f) => `training-job-state-change.${f}`,
);
const PACKAGE_FIXTURES = ['approved', 'pending', 'rejected'].map((f) => `model-package-state-change.${f}`);
const ENDPOINT_FIXTURES = ['creating', 'updating', 'in-service', 'failed'].map((f) => `endpoint-state-change.${f}`);
const PIPELINE_FIXTURES = ['succeeded', 'failed'].map((f) => `pipeline-execution-status-change.${f}`);
const S3_FIXTURES = ['churn', 'url-encoded-key', 'unconfigured-prefix'].map((f) => `s3-object-created.${f}`);

/** An alarm no line names in `kind`, or one it names leaving ALARM (nothing to do). */
const alarmIgnorable = (configured: string[]) =>
  fc.oneof(
    ignorableEvents(alarmStateChangeEvent, ALARM_FIXTURES, ['detail', 'alarmName'], unconfiguredName(configured)),
    ignorableEvents(alarmStateChangeEvent, ALARM_FIXTURES, ['detail', 'alarmName'], fc.constantFrom(...configured)).map(
      (event) => ({ ...event, detail: { ...(event.detail as Json), state: { value: 'OK', reason: 'recovered' } } }),
    ),
  );

const someName = hostileText.filter((text) => text.length > 0);

/** A key under no configured prefix of a configured bucket. */
const keyOutsidePrefixes = hostileText.filter(
  (key) => key.length > 0 && !dataTriggers.some((t) => key.startsWith(t.prefix)),
);

const PIPELINE_ARN = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/';
const TUNING_FIXTURES = ['completed', 'failed', 'in-progress'].map(
  (f) => `hyperparameter-tuning-job-state-change.${f}`,
);
const tuningLines = lines.filter((m) => m.training.type === 'tuning').map((m) => m.name.toLowerCase());

export const FUZZ: Record<string, FuzzEntry> = {
  dataArrived: {
    schema: objectCreatedEvent,
    fixtures: S3_FIXTURES,
    ignorable: fc.oneof(
      ignorableEvents(
        objectCreatedEvent,
        S3_FIXTURES,
        ['detail', 'bucket', 'name'],
        unconfiguredName(dataTriggers.map((t) => t.bucket)),
      ),
      ignorableEvents(objectCreatedEvent, S3_FIXTURES, ['detail', 'object', 'key'], keyOutsidePrefixes),
    ),
  },
  driftAlarm: { schema: alarmStateChangeEvent, fixtures: ALARM_FIXTURES, ignorable: alarmIgnorable(driftAlarms) },
  describeDrift: {
    schema: driftToDescribeEvent,
    fixtures: [...ALARM_FIXTURES, 'drift-description-requested'],
    ignorable: alarmIgnorable(keptAlarms),
  },
  abortAlarmRaised: { schema: alarmStateChangeEvent, fixtures: ALARM_FIXTURES, ignorable: alarmIgnorable(abortAlarms) },
  retrainSchedule: {
    schema: scheduledRetrainEvent,
    fixtures: ['retrain-schedule.churn'],
    ignorable: ignorableEvents(
      scheduledRetrainEvent,
      ['retrain-schedule.churn'],
      ['model'],
      unconfiguredName(lines.map((m) => m.name)),
    ),
  },
  trainingStateChanged: {
    schema: trainingJobStateChangeEvent,
    fixtures: TRAINING_FIXTURES,
    ignorable: fc.oneof(
      // Jobs Shepherd did not start: tagged for no job-trained line, or not tagged at all...
      ignorableEvents(
        trainingJobStateChangeEvent,
        TRAINING_FIXTURES,
        ['detail', 'Tags'],
        fc.oneof(
          unconfiguredName(jobLines).map((model) => ({ 'shepherd:model': model })),
          fc.constantFrom(null, {}, { 'shepherd:trigger': 'data' }),
        ),
      ),
      // ...or tagged for a configured line under a name that is not its run in flight (the state table is empty).
      ignorableEvents(trainingJobStateChangeEvent, TRAINING_FIXTURES, ['detail', 'TrainingJobName'], someName),
    ),
  },
  pipelineStateChanged: {
    schema: pipelineExecutionStatusChangeEvent,
    fixtures: PIPELINE_FIXTURES,
    ignorable: fc.oneof(
      ignorableEvents(
        pipelineExecutionStatusChangeEvent,
        PIPELINE_FIXTURES,
        ['detail', 'pipelineArn'],
        unconfiguredName(pipelines)
          // the ARN's name ends at its first slash
          .filter((name) => !pipelines.some((p) => p.toLowerCase() === name.split('/')[0]!.toLowerCase()))
          .map((name) => `${PIPELINE_ARN}${name}`),
      ),
      // A run of a configured pipeline that Shepherd did not start: no display name, or not its run in flight.
      ignorableEvents(
        pipelineExecutionStatusChangeEvent,
        PIPELINE_FIXTURES,
        ['detail', 'pipelineExecutionDisplayName'],
        someName,
      ),
      ignorableEvents(
        pipelineExecutionStatusChangeEvent,
        PIPELINE_FIXTURES,
        ['detail', 'pipelineExecutionDisplayName'],
        fc.constant(null),
      ),
    ),
  },
  modelPackageStateChanged: {
    schema: modelPackageStateChangeEvent,
    fixtures: PACKAGE_FIXTURES,
    ignorable: fc.oneof(
      ignorableEvents(
        modelPackageStateChangeEvent,
        PACKAGE_FIXTURES,
        ['detail', 'ModelPackageGroupName'],
        unconfiguredName(lines.map((m) => m.modelPackageGroup)),
      ),
      // Registration and edits of a configured group's package: not an approval.
      ignorableEvents(
        modelPackageStateChangeEvent,
        ['model-package-state-change.pending'],
        ['detail', 'ModelApprovalStatus'],
        fc.constant('PendingManualApproval'),
      ),
    ),
  },
  endpointStateChanged: {
    schema: endpointStateChangeEvent,
    fixtures: ENDPOINT_FIXTURES,
    ignorable: ignorableEvents(
      endpointStateChangeEvent,
      ENDPOINT_FIXTURES,
      ['detail', 'EndpointName'],
      unconfiguredName(deployed.map((d) => d.endpointName)),
    ),
  },
  tuningStateChanged: {
    schema: tuningJobStateChangeEvent,
    fixtures: TUNING_FIXTURES,
    // A tuning job named after no tuning-trained line.
    ignorable: ignorableEvents(
      tuningJobStateChangeEvent,
      TUNING_FIXTURES,
      ['detail', 'HyperParameterTuningJobName'],
      // Valid tuning job names (at most 32 characters), of no tuning-trained line.
      fc
        .stringMatching(/^[a-zA-Z0-9]{1,12}(-[a-zA-Z0-9]{1,12}){0,1}$/)
        .filter((name) => !tuningLines.some((line) => name.toLowerCase().startsWith(`${line}-`))),
    ),
  },
  sendApprovalLinks: { schema: approvalLinksRequestedEvent, fixtures: ['approval-links-requested'] },
  costSweep: { schema: scheduledEvent, fixtures: ['scheduled-event'] },
  approvalLink: {
    elsewhere:
      'a Function URL answers HTTP, not a status: test/functions/approval-link.test.ts feeds it forged, tampered, ' +
      'truncated and malformed tokens and checks each 4xx page and that nothing is called',
    schema: approvalLinksRequestedEvent,
    fixtures: [],
  },
  reconcile: { schema: scheduledEvent, fixtures: ['scheduled-event'] },
  countLostUploads: { schema: scheduledEvent, fixtures: ['scheduled-event'] },
  watchDeployments: { schema: scheduledEvent, fixtures: ['scheduled-event'] },
};
