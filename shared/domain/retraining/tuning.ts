// A run trained by hyperparameter tuning: its CreateHyperParameterTuningJob request (the job line's request is the
// template of every child) and the start of any run, whatever trains it.
import type { ParameterRanges } from '@aws-sdk/client-sagemaker';
import type { ModelLine } from '../../config/schema';
import type { PipelineTraining } from '../../config/pipeline-schema';
import type { JobTraining, TuningTraining } from '../../config/training-schema';
import type { Action } from '../actions';
import { pipelineExecutionRequest, type TuningJobRequest, trainingJobRequest } from './requests';
import type { InFlight } from './state';

type TuningLine = ModelLine & { training: TuningTraining };

function parameterRanges(training: TuningTraining): ParameterRanges {
  const ranges = training.parameterRanges;
  return {
    IntegerParameterRanges: ranges.flatMap((r) =>
      r.type === 'integer'
        ? [{ Name: r.name, MinValue: String(r.min), MaxValue: String(r.max), ScalingType: r.scaling }]
        : [],
    ),
    ContinuousParameterRanges: ranges.flatMap((r) =>
      r.type === 'continuous'
        ? [{ Name: r.name, MinValue: String(r.min), MaxValue: String(r.max), ScalingType: r.scaling }]
        : [],
    ),
    CategoricalParameterRanges: ranges.flatMap((r) =>
      r.type === 'categorical' ? [{ Name: r.name, Values: r.values }] : [],
    ),
  };
}

export function tuningJobRequest(
  line: TuningLine,
  run: Pick<InFlight, 'runName' | 'attempt' | 'trigger'>,
): TuningJobRequest {
  const training = line.training;
  // The job line's request, built once: every child is that job with the searched hyperparameters set.
  const job = trainingJobRequest(line as unknown as ModelLine & { training: JobTraining }, run);
  const limits = training.resourceLimits;
  return {
    HyperParameterTuningJobName: run.runName,
    HyperParameterTuningJobConfig: {
      Strategy: training.strategy,
      HyperParameterTuningJobObjective: { Type: training.objective.type, MetricName: training.objective.metric },
      ResourceLimits: {
        MaxNumberOfTrainingJobs: limits.maxTrainingJobs,
        MaxParallelTrainingJobs: limits.maxParallelTrainingJobs,
        ...(limits.maxRuntimeSeconds ? { MaxRuntimeInSeconds: limits.maxRuntimeSeconds } : {}),
      },
      ParameterRanges: parameterRanges(training),
      TrainingJobEarlyStoppingType: training.earlyStopping,
    },
    TrainingJobDefinition: {
      StaticHyperParameters: job.HyperParameters,
      AlgorithmSpecification: {
        TrainingImage: job.AlgorithmSpecification!.TrainingImage,
        TrainingInputMode: job.AlgorithmSpecification!.TrainingInputMode!,
        ...(job.AlgorithmSpecification!.MetricDefinitions
          ? { MetricDefinitions: job.AlgorithmSpecification!.MetricDefinitions }
          : {}),
      },
      RoleArn: job.RoleArn,
      InputDataConfig: job.InputDataConfig,
      OutputDataConfig: job.OutputDataConfig,
      ResourceConfig: job.ResourceConfig,
      StoppingCondition: job.StoppingCondition,
      EnableManagedSpotTraining: job.EnableManagedSpotTraining,
      // One prefix for the run: SageMaker keeps each child's checkpoints apart under it.
      CheckpointConfig: job.CheckpointConfig,
      ...(job.VpcConfig ? { VpcConfig: job.VpcConfig } : {}),
      EnableInterContainerTrafficEncryption: job.EnableInterContainerTrafficEncryption,
      EnableNetworkIsolation: job.EnableNetworkIsolation,
    },
    // SageMaker copies these onto every child training job.
    Tags: job.Tags,
  };
}

/** The request that starts (or, with the same name or token, harmlessly restarts) a run. */
export function startAction(line: ModelLine, run: InFlight): Action {
  switch (line.training.type) {
    case 'job':
      return {
        type: 'createTrainingJob',
        request: trainingJobRequest(line as ModelLine & { training: JobTraining }, run),
      };
    case 'tuning':
      return { type: 'createTuningJob', request: tuningJobRequest(line as TuningLine, run) };
    case 'pipeline':
      return {
        type: 'startPipelineExecution',
        model: line.name,
        request: pipelineExecutionRequest(line as ModelLine & { training: PipelineTraining }, run.runName, run.trigger),
      };
  }
}
