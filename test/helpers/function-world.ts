// The world each function test starts in: the mocked AWS services with no calls remembered, the test's table
// empty, and the clock. Services that only some files mock (hosting.ts, approval-links.ts, cost.ts) are reset
// through `alsoReset`, not imported here: importing them mocks their clients, over aws.ts's own, in every file.
import { CreateTrainingJobCommand, ListModelPackagesCommand } from '@aws-sdk/client-sagemaker';
import { resetAws, sagemaker } from './aws';
import { clearTable } from './dynamo';
import { setClock } from './events';

export interface WorldOptions {
  /** The instant the clock stands at (see setClock); the real clock without it. */
  clock?: string;
  /** The resets of what else the file mocks or listens to: resetHosting, resetSecrets, emf.clear… */
  alsoReset?: (() => void)[];
  /** The registry holds no approved package of any line. */
  noApprovedPackages?: boolean;
  /** SageMaker accepts the training jobs asked of it. */
  trainingJobStarts?: boolean;
}

/** A fresh world for the next test: for a file's `beforeEach`. */
export async function freshWorld(options: WorldOptions = {}): Promise<void> {
  // A test that set the clock itself would otherwise leave it to the next one.
  jest.useRealTimers();
  resetAws();
  for (const reset of options.alsoReset ?? []) reset();
  await clearTable();
  if (options.clock) setClock(options.clock);
  if (options.noApprovedPackages) noApprovedPackages();
  if (options.trainingJobStarts) trainingJobStarts();
}

export function noApprovedPackages(): void {
  sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
}

export function trainingJobStarts(): void {
  sagemaker
    .on(CreateTrainingJobCommand)
    .resolves({ TrainingJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/x' });
}
