// The least privilege of starting and completing training runs: each function gets the jobs, roles and groups of
// the lines it decides on (a job line's training job events, a tuning line's tuning job events, any line's trigger).
import { jobLines, pipelineLines, trainedLines, trainingJobPrefixes, tuningLines, tuningPrefixes } from './lines';
import type { Config, ModelLine } from './schema';
import { type Json, lower, sagemakerArn, statement } from './stack-parts';

export function trainingStatements(c: Config) {
  const pipelines = pipelineLines(c).map((m) => lower(m.training.pipelineName));
  // Only the given lines' training roles, and only to SageMaker.
  const passRoles = (lines: ReturnType<typeof trainedLines>) => {
    const roles = [...new Set(lines.map((m) => m.training.roleArn))];
    return roles.length
      ? [
          statement(['iam:PassRole'], roles, {
            Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
          }),
        ]
      : [];
  };
  const jobs = jobLines(c);
  const tuned = tuningLines(c);
  const trainingJobs = trainingJobPrefixes(c).map((prefix) => sagemakerArn(`training-job/${lower(prefix)}*`));
  const tuningJobs = tuningPrefixes(c).map((prefix) => sagemakerArn(`hyper-parameter-tuning-job/${lower(prefix)}*`));
  const startJobs = trainingJobs.length
    ? [statement(['sagemaker:CreateTrainingJob', 'sagemaker:AddTags'], trainingJobs), ...passRoles(jobs)]
    : [];
  const createTuning = tuningJobs.length
    ? [statement(['sagemaker:CreateHyperParameterTuningJob', 'sagemaker:AddTags'], tuningJobs), ...passRoles(tuned)]
    : [];
  const start = [
    ...startJobs,
    ...createTuning,
    ...(pipelines.length
      ? [
          statement(
            ['sagemaker:StartPipelineExecution'],
            pipelines.map((p) => sagemakerArn(`pipeline/${p}`)),
          ),
        ]
      : []),
  ];
  // SageMaker names a tuning job's children after it: `<tuning job>-<3 digits>-<8 hex>`.
  const tuningChildren = tuningPrefixes(c).map((prefix) => sagemakerArn(`training-job/${lower(prefix)}*`));
  // Completing a run of the given lines: its job, or a tuning job's best child, described for its model and final
  // metrics, and registered in the lines' own groups (the quality gate reads their production models).
  const completing = (lines: ModelLine[], described: Json[], tunings: Json[]) => {
    const own = [...new Set(lines.map((m) => lower(m.modelPackageGroup)))];
    return [
      ...(described.length ? [statement(['sagemaker:DescribeTrainingJob'], described)] : []),
      ...(tunings.length ? [statement(['sagemaker:DescribeHyperParameterTuningJob'], tunings)] : []),
      ...(own.length
        ? [
            statement(
              ['sagemaker:CreateModelPackage', 'sagemaker:DescribeModelPackage'],
              own.flatMap((g) => [sagemakerArn(`model-package/${g}/*`), sagemakerArn(`model-package-group/${g}`)]),
            ),
          ]
        : []),
      // ListModelPackages supports no resource-level permissions.
      statement(['sagemaker:ListModelPackages'], ['*']),
    ];
  };
  const complete = completing(trainedLines(c), [...trainingJobs, ...tuningChildren], tuningJobs);
  return {
    startJobs,
    createTuning,
    start,
    complete,
    completeJobs: completing(jobs, trainingJobs, []),
    completeTuning: completing(tuned, tuningChildren, tuningJobs),
  };
}
