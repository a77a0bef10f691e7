import type { ModelLine } from '../../shared/config/schema';
import type { JobTraining } from '../../shared/config/training-schema';
import { trainingJobRequest } from '../../shared/domain/retraining/requests';
import { line } from '../helpers/config';

const churn = line('churn') as ModelLine & { training: JobTraining };
const run = {
  runName: 'churn-20261127t0100-3f9a2c1d',
  attempt: 0,
  trigger: { reason: 'data' as const, id: 'w', at: '' },
};

describe('CreateTrainingJob request', () => {
  it('uses managed spot with a wait beyond the runtime and a checkpoint per run', () => {
    // Act
    const r = trainingJobRequest(churn, run);

    // Assess
    expect(r).toMatchObject({
      TrainingJobName: 'churn-20261127t0100-3f9a2c1d',
      EnableManagedSpotTraining: true,
      StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
      CheckpointConfig: { S3Uri: 's3://shepherd-example-artifacts/churn/checkpoints/churn-20261127t0100-3f9a2c1d/' },
      HyperParameters: { max_depth: '6', num_round: '200', objective: 'binary:logistic', eval_metric: 'auc' },
      OutputDataConfig: { KmsKeyId: expect.stringMatching(/^arn:aws:kms:/) },
    });
  });

  it('defaults the spot wait to twice the runtime when the config gives none', () => {
    // Prepare
    const t = { ...churn.training, stoppingCondition: { maxRuntimeSeconds: 1800 } };

    // Act
    const r = trainingJobRequest({ ...churn, training: t }, run);

    // Assess
    expect(r.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 1800, MaxWaitTimeInSeconds: 3600 });
  });

  it('passes VPC, volume KMS key and inter-container encryption through', () => {
    // Prepare
    const t: JobTraining = {
      ...churn.training,
      vpcConfig: { securityGroupIds: ['sg-0123abcd'], subnets: ['subnet-0a1b2c3d'] },
      volumeKmsKeyId: 'alias/training',
      enableInterContainerTrafficEncryption: true,
      spot: false,
    };

    // Act
    const r = trainingJobRequest({ ...churn, training: t }, run);

    // Assess
    expect(r.VpcConfig).toEqual({ SecurityGroupIds: ['sg-0123abcd'], Subnets: ['subnet-0a1b2c3d'] });
    expect(r.ResourceConfig.VolumeKmsKeyId).toBe('alias/training');
    expect(r.EnableInterContainerTrafficEncryption).toBe(true);
    expect(r.EnableManagedSpotTraining).toBe(false);
    expect(r.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 3600 });
  });
});
