// Requests that start a training run, in the SDK's own types (see ../sdk.ts), so adapters pass them through unchanged.
import type {
  CreateHyperParameterTuningJobRequest,
  CreateTrainingJobRequest,
  StartPipelineExecutionRequest,
  TrainingInstanceType,
} from '@aws-sdk/client-sagemaker';
import type { ModelLine } from '../../config/schema';
import type { PipelineTraining } from '../../config/pipeline-schema';
import type { JobTraining } from '../../config/training-schema';
import { clientToken, trainingJobName } from '../names';
import type { WithFields } from '../sdk';
import { checkpointUri } from './checkpoint';
import type { InFlight, Trigger } from './state';

/** Every run asks for its instances, stopping condition and checkpoint, which retries and tests read back. */
export type TrainingJobRequest = WithFields<
  CreateTrainingJobRequest,
  'ResourceConfig' | 'StoppingCondition' | 'CheckpointConfig'
>;

/** The display name is the run's name: the pipeline's events carry it back. */
/** The run's name is the tuning job's name: the one idempotency key, since the API takes no client token. */
export type TuningJobRequest = WithFields<
  CreateHyperParameterTuningJobRequest,
  'HyperParameterTuningJobName' | 'HyperParameterTuningJobConfig' | 'TrainingJobDefinition'
>;

export type PipelineExecutionRequest = WithFields<StartPipelineExecutionRequest, 'PipelineExecutionDisplayName'>;

export function trainingJobRequest(
  line: ModelLine & { training: JobTraining },
  run: Pick<InFlight, 'runName' | 'attempt' | 'trigger'>,
): TrainingJobRequest {
  const training = line.training;
  const maxWait = training.stoppingCondition.maxWaitSeconds ?? training.stoppingCondition.maxRuntimeSeconds * 2;
  return {
    TrainingJobName: trainingJobName(run.runName, run.attempt),
    RoleArn: training.roleArn,
    AlgorithmSpecification: {
      TrainingImage: training.image,
      TrainingInputMode: 'File',
      ...(training.metricDefinitions
        ? { MetricDefinitions: training.metricDefinitions.map((m) => ({ Name: m.name, Regex: m.regex })) }
        : {}),
    },
    HyperParameters: training.hyperparameters,
    InputDataConfig: training.inputChannels.map((c) => ({
      ChannelName: c.name,
      DataSource: {
        S3DataSource: { S3DataType: 'S3Prefix', S3Uri: c.s3Uri, S3DataDistributionType: 'FullyReplicated' },
      },
      ...(c.contentType ? { ContentType: c.contentType } : {}),
      ...(c.inputMode ? { InputMode: c.inputMode } : {}),
    })),
    OutputDataConfig: {
      S3OutputPath: training.outputPath,
      ...(training.outputKmsKeyId ? { KmsKeyId: training.outputKmsKeyId } : {}),
    },
    ResourceConfig: {
      // The config checks the form (ml.<family>.<size>); SageMaker checks that the type exists, including types
      // newer than this SDK's list.
      InstanceType: training.instanceType as TrainingInstanceType,
      InstanceCount: training.instanceCount,
      VolumeSizeInGB: training.volumeSizeGb,
      ...(training.volumeKmsKeyId ? { VolumeKmsKeyId: training.volumeKmsKeyId } : {}),
    },
    StoppingCondition: {
      MaxRuntimeInSeconds: training.stoppingCondition.maxRuntimeSeconds,
      ...(training.spot ? { MaxWaitTimeInSeconds: maxWait } : {}),
    },
    EnableManagedSpotTraining: training.spot,
    CheckpointConfig: { S3Uri: checkpointUri(training, line.name, run.runName) },
    ...(training.vpcConfig
      ? { VpcConfig: { SecurityGroupIds: training.vpcConfig.securityGroupIds, Subnets: training.vpcConfig.subnets } }
      : {}),
    EnableInterContainerTrafficEncryption: training.enableInterContainerTrafficEncryption,
    EnableNetworkIsolation: training.enableNetworkIsolation,
    Tags: [
      { Key: 'shepherd:model', Value: line.name },
      { Key: 'shepherd:trigger', Value: run.trigger.reason },
      { Key: 'shepherd:run', Value: run.runName },
    ],
  };
}

export function pipelineExecutionRequest(
  line: ModelLine & { training: PipelineTraining },
  runName: string,
  trigger: Trigger,
): PipelineExecutionRequest {
  return {
    PipelineName: line.training.pipelineName,
    // Pipeline events carry the display name: it is how Shepherd recognises its own executions.
    PipelineExecutionDisplayName: runName,
    PipelineExecutionDescription: `Shepherd retraining of ${line.name} (trigger: ${trigger.reason})`.slice(0, 3072),
    PipelineParameters: Object.entries(line.training.parameters).map(([Name, Value]) => ({ Name, Value })),
    ClientRequestToken: clientToken('pipeline', line.name, trigger.id),
  };
}
