// CreateTrainingJob's request, checked against the service model's constraints and SageMaker's own rules
// (managed spot), then normalised to what DescribeTrainingJob gives back.
import { Checker, invalid, P, type Json } from './validation';

export interface TrainingRequest {
  name: string;
  roleArn: string;
  hyperParameters: Record<string, string>;
  algorithm: Json;
  inputDataConfig: Json[];
  outputDataConfig: { KmsKeyId: string; S3OutputPath: string };
  resourceConfig: Json;
  vpcConfig?: Json;
  stopping: { MaxRuntimeInSeconds: number; MaxWaitTimeInSeconds?: number } & Json;
  spot: boolean;
  networkIsolation: boolean;
  interContainerEncryption: boolean;
  checkpoint?: { S3Uri: string; LocalPath: string };
  tags: { Key: string; Value: string }[];
}

const INPUT_MODES = ['Pipe', 'File', 'FastFile'] as const;
const path = Checker.path;

function channels(c: Checker, value: unknown): Json[] {
  const list = c.list(value, 'inputDataConfig', { min: 1, max: 20 }) ?? [];
  return list.map((item, i) => {
    const p = path('inputDataConfig', i);
    const ch = c.struct(item, p) ?? {};
    c.required(ch.ChannelName, path(p, 'ChannelName'));
    c.string(ch.ChannelName, path(p, 'ChannelName'), { min: 1, max: 64, pattern: P.channelName });
    if (c.required(ch.DataSource, path(p, 'DataSource'))) {
      const s3 = c.struct(
        c.struct(ch.DataSource, path(p, 'DataSource'))?.S3DataSource,
        path(path(p, 'DataSource'), 'S3DataSource'),
      );
      const sp = path(path(p, 'DataSource'), 'S3DataSource');
      if (s3) {
        c.required(s3.S3DataType, path(sp, 'S3DataType'));
        c.string(s3.S3DataType, path(sp, 'S3DataType'), {
          enum: ['ManifestFile', 'S3Prefix', 'AugmentedManifestFile', 'Converse'],
        });
        c.required(s3.S3Uri, path(sp, 'S3Uri'));
        c.string(s3.S3Uri, path(sp, 'S3Uri'), { max: 1024, pattern: P.s3Uri });
        c.string(s3.S3DataDistributionType, path(sp, 'S3DataDistributionType'), {
          enum: ['FullyReplicated', 'ShardedByS3Key'],
        });
      }
    }
    c.string(ch.ContentType, path(p, 'ContentType'), { max: 256 });
    c.string(ch.CompressionType, path(p, 'CompressionType'), { enum: ['None', 'Gzip'] });
    c.string(ch.RecordWrapperType, path(p, 'RecordWrapperType'), { enum: ['None', 'RecordIO'] });
    c.string(ch.InputMode, path(p, 'InputMode'), { enum: INPUT_MODES });
    // DescribeTrainingJob (and the event) fill in what was left to its default.
    return { CompressionType: 'None', RecordWrapperType: 'None', ...ch };
  });
}

function algorithm(c: Checker, value: unknown): Json {
  const a = c.struct(value, 'algorithmSpecification') ?? {};
  c.required(a.TrainingInputMode, 'algorithmSpecification.trainingInputMode');
  c.string(a.TrainingInputMode, 'algorithmSpecification.trainingInputMode', { enum: INPUT_MODES });
  c.string(a.TrainingImage, 'algorithmSpecification.trainingImage', { max: 255 });
  c.string(a.AlgorithmName, 'algorithmSpecification.algorithmName', { min: 1, max: 170, pattern: P.arnOrName });
  const metrics = c.list(a.MetricDefinitions, 'algorithmSpecification.metricDefinitions', { min: 0, max: 40 }) ?? [];
  metrics.forEach((m, i) => {
    const p = path('algorithmSpecification.metricDefinitions', i);
    const d = c.struct(m, p) ?? {};
    if (c.required(d.Name, path(p, 'Name'))) c.string(d.Name, path(p, 'Name'), { min: 1, max: 255 });
    if (c.required(d.Regex, path(p, 'Regex'))) c.string(d.Regex, path(p, 'Regex'), { min: 1, max: 500 });
  });
  return a;
}

function resources(c: Checker, value: unknown): Json {
  const r = c.struct(value, 'resourceConfig') ?? {};
  c.string(r.InstanceType, 'resourceConfig.instanceType');
  // The model says ≥ 0 since heterogeneous clusters (InstanceGroups); without groups SageMaker needs one instance.
  c.int(r.InstanceCount, 'resourceConfig.instanceCount', { min: r.InstanceGroups === undefined ? 1 : 0 });
  c.int(r.VolumeSizeInGB, 'resourceConfig.volumeSizeInGB', { min: 0 });
  c.string(r.VolumeKmsKeyId, 'resourceConfig.volumeKmsKeyId', { max: 2048, pattern: P.kmsKeyId });
  c.int(r.KeepAlivePeriodInSeconds, 'resourceConfig.keepAlivePeriodInSeconds', { min: 0, max: 21600 });
  c.list(r.InstanceGroups, 'resourceConfig.instanceGroups', { min: 0, max: 5 });
  return r;
}

function stoppingCondition(c: Checker, value: unknown): TrainingRequest['stopping'] {
  const s = c.struct(value, 'stoppingCondition') ?? {};
  const MaxRuntimeInSeconds =
    c.int(s.MaxRuntimeInSeconds, 'stoppingCondition.maxRuntimeInSeconds', { min: 1 }) ?? 86_400;
  const wait = c.int(s.MaxWaitTimeInSeconds, 'stoppingCondition.maxWaitTimeInSeconds', { min: 1 });
  c.int(s.MaxPendingTimeInSeconds, 'stoppingCondition.maxPendingTimeInSeconds', { min: 7200, max: 2_419_200 });
  return { ...s, MaxRuntimeInSeconds, ...(wait !== undefined ? { MaxWaitTimeInSeconds: wait } : {}) };
}

/** Validates a CreateTrainingJob input: all model violations at once, then the managed-spot rules. */
export function trainingRequest(input: Json): TrainingRequest {
  const c = new Checker();
  c.required(input.TrainingJobName, 'trainingJobName');
  const name = c.string(input.TrainingJobName, 'trainingJobName', { min: 1, max: 63, pattern: P.entityName }) ?? '';
  c.required(input.RoleArn, 'roleArn');
  const roleArn = c.string(input.RoleArn, 'roleArn', { min: 20, max: 2048, pattern: P.roleArn }) ?? '';
  // Required by the model until 2024 (now optional for serverless jobs and training plans, which are not emulated).
  c.required(input.AlgorithmSpecification, 'algorithmSpecification');
  c.required(input.ResourceConfig, 'resourceConfig');
  c.required(input.StoppingCondition, 'stoppingCondition');
  const algo = algorithm(c, input.AlgorithmSpecification);
  const hyperParameters =
    c.map(input.HyperParameters, 'hyperParameters', { min: 0, max: 100, key: { max: 256 }, value: { max: 2500 } }) ??
    {};
  const inputDataConfig = input.InputDataConfig === undefined ? [] : channels(c, input.InputDataConfig);
  c.required(input.OutputDataConfig, 'outputDataConfig');
  const out = c.struct(input.OutputDataConfig, 'outputDataConfig') ?? {};
  if (input.OutputDataConfig) c.required(out.S3OutputPath, 'outputDataConfig.s3OutputPath');
  const S3OutputPath =
    c.string(out.S3OutputPath, 'outputDataConfig.s3OutputPath', { max: 1024, pattern: P.s3Uri }) ?? '';
  const KmsKeyId = c.string(out.KmsKeyId, 'outputDataConfig.kmsKeyId', { max: 2048, pattern: P.kmsKeyId }) ?? '';
  const resourceConfig = resources(c, input.ResourceConfig);
  const vpc = c.struct(input.VpcConfig, 'vpcConfig');
  if (vpc) {
    if (c.required(vpc.SecurityGroupIds, 'vpcConfig.securityGroupIds'))
      c.list(vpc.SecurityGroupIds, 'vpcConfig.securityGroupIds', { min: 1, max: 5 });
    if (c.required(vpc.Subnets, 'vpcConfig.subnets')) c.list(vpc.Subnets, 'vpcConfig.subnets', { min: 1, max: 16 });
  }
  const stopping = stoppingCondition(c, input.StoppingCondition);
  const tags = c.tags(input.Tags);
  const spot = c.bool(input.EnableManagedSpotTraining, 'enableManagedSpotTraining') ?? false;
  const networkIsolation = c.bool(input.EnableNetworkIsolation, 'enableNetworkIsolation') ?? false;
  const interContainerEncryption =
    c.bool(input.EnableInterContainerTrafficEncryption, 'enableInterContainerTrafficEncryption') ?? false;
  const cp = c.struct(input.CheckpointConfig, 'checkpointConfig');
  if (cp) c.required(cp.S3Uri, 'checkpointConfig.s3Uri');
  const cpUri = c.string(cp?.S3Uri, 'checkpointConfig.s3Uri', { max: 1024, pattern: P.s3Uri });
  const cpPath = c.string(cp?.LocalPath, 'checkpointConfig.localPath', { max: 4096 });
  c.map(input.Environment, 'environment', { min: 0, max: 100, key: { max: 512 }, value: { max: 512 } });
  c.done();

  const wait = stopping.MaxWaitTimeInSeconds;
  if (!spot && wait !== undefined)
    throw invalid('Invalid MaxWaitTimeInSeconds. It is only supported when EnableManagedSpotTraining is set to true');
  if (spot && (wait === undefined || wait < stopping.MaxRuntimeInSeconds)) {
    throw invalid(
      'Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds ' +
        `(${stopping.MaxRuntimeInSeconds})`,
    );
  }
  return {
    name,
    roleArn,
    hyperParameters,
    algorithm: algo,
    inputDataConfig,
    outputDataConfig: { KmsKeyId, S3OutputPath },
    resourceConfig,
    ...(vpc ? { vpcConfig: vpc } : {}),
    stopping,
    spot,
    networkIsolation,
    interContainerEncryption,
    ...(cpUri !== undefined ? { checkpoint: { S3Uri: cpUri, LocalPath: cpPath ?? '/opt/ml/checkpoints' } } : {}),
    tags,
  };
}
