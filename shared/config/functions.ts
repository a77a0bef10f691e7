// Shepherd's functions as serverless.yml declares them (`functions: ${file(./shared/config/serverless.js):functions}`):
// what each runs and is for, and what they all share, written once.

/** The functions, by their serverless.yml key: the handler and what it is for. */
export const FUNCTION_SPECS = {
  dataArrived: {
    handler: 'functions/data-arrived.handler',
    description: 'S3 Object Created → count new data per model line; a settled window starts a retraining',
  },
  driftAlarm: {
    handler: 'functions/drift-alarm.handler',
    description: 'A configured drift alarm into ALARM → retraining with reason drift',
  },
  describeDrift: {
    handler: 'functions/describe-drift.handler',
    description:
      "The drift alarm Shepherd keeps into ALARM (or the reconciler's request for a lost change) → Model Monitor's " +
      'violations report read: Drift Detected',
  },
  retrainSchedule: {
    handler: 'functions/retrain-schedule.handler',
    description: 'Scheduled retraining per model line',
  },
  trainingStateChanged: {
    handler: 'functions/training-state-changed.handler',
    description: 'SageMaker training job state changes → quality gate, registration, spot retries, alerts',
  },
  tuningStateChanged: {
    handler: 'functions/tuning-state-changed.handler',
    description: 'SageMaker tuning job state changes → the best training job through the quality gate and registration',
  },
  pipelineStateChanged: {
    handler: 'functions/pipeline-state-changed.handler',
    description: 'SageMaker Pipelines execution status changes for pipeline-trained model lines',
  },
  modelPackageStateChanged: {
    handler: 'functions/model-package-state-changed.handler',
    description: 'An approved model package → canary deployment (or queued behind the current one) and Neo builds',
  },
  endpointStateChanged: {
    handler: 'functions/endpoint-state-changed.handler',
    description:
      'Endpoint state changes → the canary moves on, after checking the endpoint really serves what was asked',
  },
  abortAlarmRaised: {
    handler: 'functions/abort-alarm-raised.handler',
    description: 'A configured abort alarm into ALARM → every canary it guards goes to weight 0 at once',
  },
  approvalLink: {
    handler: 'functions/approval-link.handler',
    description: 'Approval links (a Function URL, auth NONE: the signed token is the credential): GET shows, POST acts',
    // A person waits for the page; UpdateModelPackage or a deployment decision takes a few calls.
    timeout: 30,
    url: true,
  },
  sendApprovalLinks: {
    handler: 'functions/send-approval-links.handler',
    description: "Approval Links Requested (Shepherd's bus) → each approver's message with their signed links",
  },
  reconcile: {
    handler: 'functions/reconcile.handler',
    description: 'Level-triggered reconciler of trainings, pipelines and Neo builds: does what lost events left undone',
    timeout: 120,
    // The next run is a minute away: retrying an old pass only races it.
    maximumRetryAttempts: 0,
    maximumEventAge: 300,
  },
  countLostUploads: {
    handler: 'functions/count-lost-uploads.handler',
    description: 'Every minute: uploads whose Object Created was lost, listed under the data prefixes and counted once',
    timeout: 120,
    // The next run is a minute away and lists from where this one stopped.
    maximumRetryAttempts: 0,
    maximumEventAge: 300,
  },
  watchDeployments: {
    handler: 'functions/watch-deployments.handler',
    description:
      'Every minute: canaries judged, abort alarms re-read, quiet endpoints looked up, queued approvals started',
    timeout: 120,
    maximumRetryAttempts: 0,
    maximumEventAge: 300,
  },
  costSweep: {
    handler: 'functions/cost-sweep.handler',
    description:
      'Scheduled cost sweep: idle, oversized and forgotten SageMaker resources, priced; acts only where allowed',
    // 5,000 endpoints take well under a minute (npm run bench); the rest is headroom for a slow account.
    timeout: 600,
    memorySize: 1024,
    // Retried like the others: a duplicate delivery that finds the first still running is retried until it has
    // the first one's answer; an incomplete sweep retried may complete (and mails its report again); one that died
    // at this timeout is taken over by the retry, its claim's lease ending 30 s after it (functions/cost-sweep.ts).
  },
} as const;

export type FunctionName = keyof typeof FUNCTION_SPECS;

export const FUNCTIONS = Object.keys(FUNCTION_SPECS) as FunctionName[];

const APPROVAL_LINK_URL = { 'Fn::GetAtt': ['ApprovalLinkLambdaFunctionUrl', 'FunctionUrl'] };
const APPROVAL_KEY_SECRET = { Ref: 'ApprovalKeySecret' };

/**
 * Only the two functions that sign or check links know the signing key's secret (by ARN: they read the key through
 * Powertools Parameters). sendApprovalLinks also knows approvalLink's URL; approvalLink is not given its own (a cycle).
 */
const LINK_ENVIRONMENT: Partial<Record<FunctionName, Record<string, unknown>>> = {
  sendApprovalLinks: { APPROVAL_KEY_SECRET, APPROVAL_LINK_URL },
  approvalLink: { APPROVAL_KEY_SECRET },
};

/**
 * Every function is invoked asynchronously (EventBridge rules and schedules): two retries, then the dead-letter
 * queue. Each has an IAM role of its own (serverless-iam-roles-per-function), named short enough for IAM's 64.
 */
export function functionBlocks(events: Record<FunctionName, unknown[]>, iam: Record<FunctionName, unknown[]>) {
  return Object.fromEntries(
    FUNCTIONS.map((name) => [
      name,
      {
        maximumRetryAttempts: 2,
        maximumEventAge: 3600,
        ...FUNCTION_SPECS[name],
        destinations: { onFailure: { type: 'sqs', arn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } } },
        events: events[name],
        iamRoleStatementsName: `\${self:service}-\${sls:stage}-${name}`,
        iamRoleStatements: iam[name],
        ...(LINK_ENVIRONMENT[name] ? { environment: LINK_ENVIRONMENT[name] } : {}),
      },
    ]),
  );
}
