// The model lines of shepherd.yml that a rule or an IAM statement is for: by how they train, whether they deploy,
// and the abort alarms they name.
import { trainingJobsStart, tuningNameHead } from '../domain/names';
import type { Config, ModelLine } from './schema';

export const jobLines = (c: Config) =>
  c.models.filter((m): m is ModelLine & { training: { type: 'job' } } => m.training.type === 'job');
// Every training job of a job line begins `<head>` (shared/domain/names.ts).
export const trainingJobPrefixes = (c: Config) => jobLines(c).map((m) => trainingJobsStart(m.name));
export const tuningLines = (c: Config) =>
  c.models.filter((m): m is ModelLine & { training: { type: 'tuning' } } => m.training.type === 'tuning');
/** Lines whose training jobs Shepherd's requests create: its own jobs, and the children of its tuning jobs. */
export const trainedLines = (c: Config) => [...jobLines(c), ...tuningLines(c)];
// Every tuning job of a line is named `<head>-<suffix>` (shared/domain/names.ts).
export const tuningPrefixes = (c: Config) => tuningLines(c).map((m) => `${tuningNameHead(m.name)}-`);
export const pipelineLines = (c: Config) =>
  c.models.filter(
    (m): m is ModelLine & { training: { type: 'pipeline'; pipelineName: string } } => m.training.type === 'pipeline',
  );

export const deployedLines = (c: Config) => c.models.filter((m) => m.deployment);

/** Every line's abort alarms, once each: one alarm may guard several endpoints. */
export const abortAlarmNames = (c: Config) => [...new Set(c.models.flatMap((m) => m.deployment?.abortAlarms ?? []))];
