// The SageMaker emulator's ListPipelineExecutionSteps: the RegisterModel step of a run reports the package it
// registered (`Metadata.RegisterModel.Arn`), which Shepherd reads when the group's listing lags.
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { SageMakerEmulator, type PipelineScript } from '../../local/sagemaker';

const MINUTE = 60_000;
const GROUP = 'fraud-models';

function setup(script: PipelineScript) {
  const clock = new Clock(new Date('2026-11-27T05:00:00Z'), 100_000);
  const sagemaker = new SageMakerEmulator({
    clock,
    emit: () => undefined,
    timeline: new Timeline(clock, false),
    trainingPlan: () => ({ outcome: 'Completed' }),
    pipelinePlan: () => script,
  });
  sagemaker.createModelPackageGroup(GROUP);
  sagemaker.createPipeline('fraud-training-pipeline');
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, any>;
  return { clock, sagemaker, call };
}

let env: ReturnType<typeof setup>;
afterEach(() => env.sagemaker.stop());

async function run(): Promise<string> {
  const arn = env.call('StartPipelineExecution', {
    PipelineName: 'fraud-training-pipeline',
    PipelineExecutionDisplayName: 'fraud-20261127t0500-1a2b3c4d',
    ClientRequestToken: 'c'.repeat(32),
  }).PipelineExecutionArn as string;
  for (let i = 0; i < 500 && env.sagemaker.pipelineExecutions().some((e) => e.status === 'Executing'); i++)
    await env.clock.sleep(MINUTE);
  return arn;
}

describe('ListPipelineExecutionSteps', () => {
  it('reports the package a succeeded run’s RegisterModel step registered', async () => {
    // Prepare
    env = setup({
      outcome: 'Succeeded',
      durationMs: 20 * MINUTE,
      registers: { group: GROUP, approvalStatus: 'Approved' },
    });
    const arn = await run();

    // Act
    const out = env.call('ListPipelineExecutionSteps', { PipelineExecutionArn: arn });

    // Assess
    expect(out.PipelineExecutionSteps).toEqual([
      expect.objectContaining({
        StepName: 'RegisterModel',
        StepStatus: 'Succeeded',
        Metadata: { RegisterModel: { Arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/${GROUP}/1` } },
      }),
    ]);
  });

  it('reports no package of a run that registered none', async () => {
    // Prepare
    env = setup({ outcome: 'Succeeded', durationMs: 20 * MINUTE });
    const arn = await run();

    // Act
    const out = env.call('ListPipelineExecutionSteps', { PipelineExecutionArn: arn });

    // Assess
    expect(out.PipelineExecutionSteps).toEqual([]);
  });

  it('refuses an execution that does not exist, and a page size above 100', () => {
    // Prepare
    env = setup({ outcome: 'Succeeded' });
    const missing = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/fraud-training-pipeline/execution/nope';

    // Act
    const unknown = () => env.call('ListPipelineExecutionSteps', { PipelineExecutionArn: missing });
    const tooMany = () => env.call('ListPipelineExecutionSteps', { PipelineExecutionArn: missing, MaxResults: 101 });

    // Assess
    expect(unknown).toThrow(/nope/);
    expect(tooMany).toThrow(/maxResults/);
  });
});
