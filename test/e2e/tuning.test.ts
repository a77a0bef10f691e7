// A line trained by hyperparameter tuning, on the local cloud: the tuning job's best child is gated, registered with
// its tuning job in its lineage and deployed; the children's own training-job events change nothing.
import type { AwsEvent } from '../../local/core';
import type { RunResult } from '../../local/run';
import { createCalls, failedChecks, fixture, playScenario, seeded } from '../helpers/e2e';

const TUNING_EVENT = 'SageMaker HyperParameter Tuning Job State Change';
const TRAINING_EVENT = 'SageMaker Training Job State Change';

// One run per file: the handlers load once per test file, bound to this run's local cloud.
const shepherdLines = (run: RunResult) =>
  run.cloud.timeline.lines.filter((l) => l.source === 'shepherd').map((l) => l.message);

describe('a line trained by hyperparameter tuning', () => {
  let run: RunResult;
  const delivered: AwsEvent[] = [];
  beforeAll(async () => {
    // Every event twice, out of order; the observer sees each event a rule delivers to a function, and drops none.
    const observe = (event: AwsEvent) => {
      delivered.push(event);
      return false;
    };
    run = await playScenario(fixture('tuning.yml'), {
      delivery: { copies: 2, jitterMs: 60_000, drop: observe },
      random: seeded(5),
    });
  });

  it('registers the best child of the tuning job, with the tuning job as its lineage', async () => {
    // Assess
    expect(failedChecks(run)).toEqual([]);
    const [tuning] = run.summary.tuningJobs;
    expect(run.summary.tuningJobs).toHaveLength(1);
    expect(tuning!.name).toMatch(/^upsell-\d{6}t\d{4}-[0-9a-f]{6}$/);
    expect(tuning!.name.length).toBeLessThanOrEqual(32);
    expect(tuning).toMatchObject({ status: 'Completed', trainingJobs: 4 });
    const best = run.summary.trainingJobs.find((j) => j.metrics['validation:auc'] === 0.87);
    expect(tuning!.bestTrainingJob).toBe(best!.name);
    const [pkg] = run.cloud.sagemaker.modelPackages();
    expect(pkg!.metadata).toMatchObject({
      'shepherd:tuningJob': tuning!.name,
      'shepherd:trainingJob': best!.name,
      'shepherd:metric:validation:auc': '0.87',
    });
    const described = (await run.cloud.sagemaker.handle('DescribeModelPackage', { ModelPackageName: pkg!.arn })) as {
      MetadataProperties?: { GeneratedBy?: string };
    };
    expect(described.MetadataProperties?.GeneratedBy).toMatch(
      new RegExp(`:hyper-parameter-tuning-job/${tuning!.name}$`),
    );
  });

  it('deploys the best model to its endpoint', () => {
    // Assess
    expect(run.summary.deployments).toEqual([
      expect.objectContaining({ modelPackageArn: expect.stringMatching(/upsell-models\/1$/), outcome: 'promoted' }),
    ]);
    const [endpoint] = run.cloud.sagemaker.endpoints();
    expect(endpoint).toMatchObject({ name: 'upsell-prod', status: 'InService' });
  });

  it('hears every child event and acts on none: one tuning job, one package, no word of the other children', () => {
    // Assess: the children's events reached the training handler
    const childEvents = delivered.filter((e) => e['detail-type'] === TRAINING_EVENT && e.detail.TuningJobArn);
    expect(new Set(childEvents.map((e) => e.detail.TrainingJobName)).size).toBe(4);
    expect(delivered.filter((e) => e['detail-type'] === TUNING_EVENT).length).toBeGreaterThan(0);
    expect(createCalls(run.cloud)).toEqual({
      'sagemaker:CreateEndpoint': 1,
      'sagemaker:CreateEndpointConfig': 1,
      'sagemaker:CreateHyperParameterTuningJob': 1,
      'sagemaker:CreateModel': 1,
      'sagemaker:CreateModelPackage': 1,
    });
    const best = run.summary.tuningJobs[0]!.bestTrainingJob!;
    const others = run.summary.trainingJobs.map((j) => j.name).filter((name) => name !== best);
    expect(shepherdLines(run).filter((message) => others.some((name) => message.includes(name)))).toEqual([]);
    expect(run.summary.deadLetters).toBe(0);
  });
});
