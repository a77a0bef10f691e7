// What the run's summary and the tests read of training, tuning, the registry and pipelines: plain read-only
// snapshots, never the emulator's own records (as views.ts holds those of hosting and Neo).
import type { Pipelines } from './pipelines';
import type { Registry } from './registry';
import type { TagStore } from './shared';
import type { Training } from './training';
import type { Tuning } from './tuning';

export interface TuningJobView {
  name: string;
  status: string;
  bestTrainingJob?: string;
  children: number;
}

export interface TrainingJobView {
  name: string;
  status: string;
  secondaryStatus: string;
  tags: Record<string, string>;
  createdAt: Date;
  endedAt?: Date;
  metrics: Record<string, number>;
  spot: boolean;
  checkpointS3Uri?: string;
}

export interface ModelPackageView {
  arn: string;
  group: string;
  version: number;
  approvalStatus: string;
  description?: string;
  metadata: Record<string, string>;
  createdAt: Date;
}

export interface PipelineExecutionView {
  arn: string;
  pipelineName: string;
  displayName: string;
  status: string;
}

export function tuningJobViews(tuning: Tuning): TuningJobView[] {
  return tuning.all().map((j) => ({
    name: j.name,
    status: j.status,
    ...(j.best ? { bestTrainingJob: j.best.name } : {}),
    children: j.children.length,
  }));
}

export function trainingJobViews(training: Training, tags: TagStore): TrainingJobView[] {
  return training.all().map((j) => ({
    name: j.name,
    status: j.status,
    secondaryStatus: j.secondaryStatus,
    tags: tags.map(j.arn),
    createdAt: new Date(j.createdAt),
    ...(j.endTime !== undefined ? { endedAt: new Date(j.endTime) } : {}),
    metrics: { ...j.metrics },
    spot: j.request.spot,
    ...(j.request.checkpoint ? { checkpointS3Uri: j.request.checkpoint.S3Uri } : {}),
  }));
}

export function modelPackageViews(registry: Registry): ModelPackageView[] {
  return registry.all().map((p) => ({
    arn: p.arn,
    group: p.group,
    version: p.version,
    approvalStatus: p.approvalStatus,
    ...(p.description !== undefined ? { description: p.description } : {}),
    metadata: { ...p.metadata },
    createdAt: new Date(p.createdAt),
  }));
}

export function pipelineExecutionViews(pipelines: Pipelines): PipelineExecutionView[] {
  return pipelines
    .all()
    .map((e) => ({ arn: e.arn, pipelineName: e.pipeline.name, displayName: e.displayName, status: e.status }));
}
