// What SageMaker says of a run, read for a decision on it: a completed job's model and metrics, a tuning job's best
// training job, and the status of a run that went quiet.
import type { SageMakerAdapter } from '../aws/sagemaker';
import type { ModelLine } from '../config/schema';
import type { CompletedTraining, TrainingObservation } from '../domain/retraining/observations';
import type { RegisteredPackage } from '../domain/retraining/pipeline';
import type { InFlight } from '../domain/retraining/state';
import { bestNotCompleted, bestToRegister } from '../domain/retraining/tuning-ended';

/**
 * A completed run's training (a tuning job's, also a stopped one's), or why it failed after all; undefined: the job
 * is gone (deleted before it was read). `reported`: the status its event or look-up reported.
 */
export const completedRun = (sagemaker: SageMakerAdapter, line: ModelLine, name: string, reported = 'Completed') =>
  line.training.type === 'tuning' ? bestOf(sagemaker, name, reported) : completedJob(sagemaker, name);

/** Undefined: the job is gone (deleted before it was read). */
async function completedJob(sagemaker: SageMakerAdapter, name: string): Promise<CompletedTraining | undefined> {
  const described = await sagemaker.describeTrainingJob(name);
  if (!described) return undefined;
  if (described.status !== 'Completed') {
    throw new Error(`training job ${name} was reported Completed but DescribeTrainingJob says ${described.status}`);
  }
  const { status: _status, name: _name, ...completed } = described;
  return { ...completed, jobName: name };
}

/**
 * The tuning event names no best job: DescribeHyperParameterTuningJob does, and DescribeTrainingJob gives that
 * job's model and final metrics. Which ended tuning job's best job may be registered is the domain's to say
 * (tuning-ended.ts); a best job that did not complete, or no longer exists, is a final answer, not one to retry.
 */
async function bestOf(
  sagemaker: SageMakerAdapter,
  name: string,
  reported: string,
): Promise<CompletedTraining | { failureReason: string } | undefined> {
  const tuning = await sagemaker.describeTuningJob(name);
  if (!tuning) return undefined;
  if (tuning.status !== reported) {
    const says = tuning.status;
    throw new Error(`tuning job ${name} was reported ${reported} but DescribeHyperParameterTuningJob says ${says}`);
  }
  const chosen = bestToRegister(tuning);
  if ('failureReason' in chosen) return chosen;
  const described = await sagemaker.describeTrainingJob(chosen.best);
  // Deleted (DeleteTrainingJob) while its tuning job stays: every later look would find it gone again.
  if (!described) return { failureReason: bestNotCompleted(chosen.best, 'deleted') };
  if (described.status !== 'Completed') return { failureReason: bestNotCompleted(chosen.best, described.status) };
  const { status: _status, name: _name, ...best } = described;
  const hyperparameters = tuning.best?.hyperparameters ?? {};
  const lineage = { name, hyperparameters, ...(tuning.arn ? { arn: tuning.arn } : {}) };
  return { ...best, jobName: chosen.best, tuning: lineage };
}

/** The run in flight as SageMaker has it now; undefined when SageMaker has no such run (or no execution yet). */
export const describeRun = (sagemaker: SageMakerAdapter, run: InFlight): Promise<TrainingObservation | undefined> =>
  run.kind === 'job'
    ? sagemaker.describeTrainingJob(run.jobName)
    : run.kind === 'tuning'
      ? sagemaker.describeTuningJob(run.jobName)
      : run.executionArn
        ? sagemaker.describePipelineExecution(run.executionArn)
        : Promise.resolve(undefined);

/**
 * A pipeline execution's event says that it failed or stopped, never why: DescribePipelineExecution does. Anything
 * else is returned as observed.
 */
export async function withFailureReason(
  sagemaker: SageMakerAdapter,
  observed: TrainingObservation,
): Promise<TrainingObservation> {
  if (!['Failed', 'Stopped'].includes(observed.status) || observed.failureReason || !observed.executionArn)
    return observed;
  const described = await sagemaker.describePipelineExecution(observed.executionArn);
  return described?.failureReason ? { ...observed, failureReason: described.failureReason } : observed;
}

/**
 * What a succeeded pipeline execution registered in the line's group, in the order it registered them; empty if
 * nothing. The execution's own RegisterModel steps report each package at once; the group's listing
 * (ListModelPackages) is eventually consistent and may show only some yet, or none, so it is read only when the
 * steps report none in the group (a package registered by a step of another kind). See docs/aws-pipelines.md.
 */
export async function pipelineRegistered(
  sagemaker: SageMakerAdapter,
  line: ModelLine,
  run: InFlight,
  observed: TrainingObservation,
): Promise<RegisteredPackage[]> {
  if (observed.status !== 'Succeeded') return [];
  const executionArn = observed.executionArn ?? run.executionArn;
  // SageMaker writes the names in a package's ARN in lower case.
  const inGroup = `:model-package/${line.modelPackageGroup.toLowerCase()}/`;
  const reported = executionArn ? await sagemaker.packagesRegisteredBy(executionArn) : [];
  const ours = [...new Set(reported.filter((arn) => arn.toLowerCase().includes(inGroup)))];
  const described: RegisteredPackage[] = [];
  // One at a time: a run registers a few, and the look-ups share the function's rate with everything else.
  for (const arn of ours) {
    const pkg = await sagemaker.modelPackage(arn);
    if (pkg) described.push(pkg);
  }
  if (described.length) return described;
  const listed = await sagemaker.registeredSince(line.modelPackageGroup, new Date(run.startedAt));
  return listed ? [listed] : [];
}
