// The least privilege of each function (serverless.yml `iamRoleStatements`), derived from shepherd.yml; the
// deployments' and the cost sweep's are in deployment-stack.ts and cost-stack.ts, drift monitoring's in
// monitoring-stack.ts, starting and completing runs in training-stack.ts.
import { costSweepStatements } from './cost-stack';
import { deployStatements } from './deployment-stack';
import { pipelineLines } from './lines';
import { driftReadBackStatements, listingStatements } from './lost-event-stack';
import { monitoringStatements } from './monitoring-stack';
import type { Config } from './schema';
import { DLQ_ARN, lower, sagemakerArn, statement } from './stack-parts';
import { trainingStatements } from './training-stack';

export function iamStatements(c: Config) {
  const table = [{ 'Fn::GetAtt': ['StateTable', 'Arn'] }];
  // No function deletes an item: what expires goes through the table's time to live.
  const items = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
  // Lambda sends a failed asynchronous invocation to the dead-letter queue as the function's role.
  const deadLetters = statement(['sqs:SendMessage'], [DLQ_ARN]);
  const publish = statement(['events:PutEvents'], [{ 'Fn::GetAtt': ['ShepherdBus', 'Arn'] }]);
  // The topics are encrypted with the notifications key.
  const notify = [
    statement(['sns:Publish'], [{ Ref: 'NotificationsTopic' }, { Ref: 'ChatTopic' }]),
    statement(['kms:GenerateDataKey', 'kms:Decrypt'], [{ 'Fn::GetAtt': ['NotificationsKey', 'Arn'] }]),
  ];
  const state = statement(items, table);
  const base = [state, deadLetters, publish, ...notify];
  // Query: a retraining decision reads its line's data-window counters (shared/state/data-window-reads.ts), so do the
  // functions that count into them; no other function queries (the CLI alone reads a timeline back).
  const windows = [...base, statement(['dynamodb:Query'], table)];
  const readSigningKey = statement(['secretsmanager:GetSecretValue'], [{ Ref: 'ApprovalKeySecret' }]);
  const pipelines = pipelineLines(c).map((m) => lower(m.training.pipelineName));
  const groups = [...new Set(c.models.map((m) => lower(m.modelPackageGroup)))];
  const { startJobs, createTuning, start, complete, completeJobs, completeTuning } = trainingStatements(c);
  // An execution's status and failure reason, and the packages its RegisterModel steps report (the group's listing
  // may not show them yet).
  const describePipelines = pipelines.length
    ? [
        statement(
          ['sagemaker:DescribePipelineExecution', 'sagemaker:ListPipelineExecutionSteps'],
          pipelines.map((p) => sagemakerArn(`pipeline/${p}/execution/*`)),
        ),
      ]
    : [];
  // The approval status of a package only an execution's steps reported.
  const pipelineGroups = [...new Set(pipelineLines(c).map((m) => lower(m.modelPackageGroup)))];
  const describePipelinePackages = pipelineGroups.length
    ? [
        statement(
          ['sagemaker:DescribeModelPackage'],
          pipelineGroups.map((g) => sagemakerArn(`model-package/${g}/*`)),
        ),
      ]
    : [];
  const deploy = deployStatements(c);
  const monitor = monitoringStatements(c);
  return {
    // It counts an object into a window and starts nothing: the reconciler releases a window that is due.
    dataArrived: windows,
    driftAlarm: [...windows, ...start],
    // It says what it found as an event (Drift Detected): it notifies no one itself.
    describeDrift: [state, deadLetters, publish, ...monitor.describeDrift],
    retrainSchedule: [...windows, ...start],
    // It completes job lines' runs alone (a tuning child's event is its tuning job's to speak for): their spot retries
    // and registrations, nothing of a tuning or pipeline line.
    trainingStateChanged: [...windows, ...startJobs, ...completeJobs],
    // A tuning run's own leftovers at most: its tuning job and its registration, nothing of a job line.
    tuningStateChanged: [...windows, ...createTuning, ...completeTuning],
    // An execution's event never says why it failed (DescribePipelineExecution does), nor what it registered
    // (ListModelPackages, which supports no resource-level permissions, and the execution's steps).
    pipelineStateChanged: [
      ...windows,
      ...describePipelines,
      ...describePipelinePackages,
      statement(['sagemaker:ListModelPackages'], ['*']),
    ],
    // Reading the abort alarms: before a canary starts (the approval, or the end of the deployment before it). Its
    // decision first performs what the endpoint's outbox still holds (any endpoint request), and a replacement
    // deregisters the baseline's autoscaling.
    modelPackageStateChanged: [
      ...base,
      ...deploy.approved,
      ...deploy.start,
      ...deploy.advance,
      ...deploy.alarms,
      ...deploy.edge,
    ],
    endpointStateChanged: [...base, ...deploy.start, ...deploy.advance, ...deploy.alarms],
    // Rolling back is a weights change; leftover outbox work of the endpoint may be any endpoint request.
    abortAlarmRaised: [...base, ...deploy.start, ...deploy.advance],
    costSweep: [...base, ...costSweepStatements(c)],
    reconcile: [
      ...windows,
      ...start,
      ...complete,
      ...describePipelines,
      ...deploy.edge,
      ...monitor.reconcile,
      ...driftReadBackStatements(c),
    ],
    // The table (the windows' counters and the listing's cursors) and the data prefixes' listing.
    countLostUploads: [...windows, ...listingStatements(c)],
    // Listing the groups' approved packages: an idle endpoint deploys one whose Approved event was lost.
    watchDeployments: [
      ...base,
      ...deploy.approved,
      ...deploy.start,
      ...deploy.advance,
      ...deploy.judge,
      ...deploy.alarms,
      statement(['sagemaker:ListModelPackages'], ['*']),
    ],
    // The signing key is read by the two functions that sign or check links, and by no other. It sends the links and
    // claims each hand-over once: no query, no event. It reads a package first, as an approval link's page does.
    sendApprovalLinks: [
      statement(items, table),
      deadLetters,
      ...notify,
      readSigningKey,
      statement(
        ['sagemaker:DescribeModelPackage'],
        groups.map((g) => sagemakerArn(`model-package/${g}/*`)),
      ),
      statement(['sagemaker:ListModelPackages'], ['*']),
    ],
    // An approval link reads and decides packages of the configured groups, or promotes or aborts a deployment.
    approvalLink: [
      ...base,
      readSigningKey,
      statement(
        ['sagemaker:DescribeModelPackage', 'sagemaker:UpdateModelPackage'],
        groups.map((g) => sagemakerArn(`model-package/${g}/*`)),
      ),
      statement(['sagemaker:ListModelPackages'], ['*']),
      ...deploy.start,
      ...deploy.advance,
    ],
  };
}
