// Search, for the one resource a cost sweep asks it about: endpoints, each as DescribeEndpoint shows it plus its
// Tags, MaxResults at most 100 a page. Other resources and search expressions are refused as not emulated.
import { AwsError } from '../core';
import { page, pageRequest } from './shared';
import { Checker, type Json } from './validation';

const RESOURCES = [
  'TrainingJob',
  'Experiment',
  'ExperimentTrial',
  'ExperimentTrialComponent',
  'Endpoint',
  'Model',
  'ModelPackage',
  'ModelPackageGroup',
  'Pipeline',
  'PipelineExecution',
  'FeatureGroup',
  'FeatureMetadata',
  'Image',
  'ImageVersion',
  'Project',
  'HyperParameterTuningJob',
  'ModelCard',
];

export function search(
  input: Json,
  endpoints: () => { describe(): Json; arn: string }[],
  tags: (arn: string) => { Key: string; Value: string }[],
): { Results: Json[]; NextToken?: string } {
  const c = new Checker();
  c.required(input.Resource, 'resource');
  const resource = c.string(input.Resource, 'resource', { enum: RESOURCES });
  const at = pageRequest(c, input);
  c.done();
  if (resource !== 'Endpoint' || input.SearchExpression !== undefined || input.SortBy !== undefined)
    throw new AwsError('UnknownOperationException', 'The local cloud emulates Search of Endpoint without expressions');
  const { items, NextToken } = page(endpoints(), at);
  return {
    Results: items.map((e) => ({ Endpoint: { ...e.describe(), Tags: tags(e.arn) } })),
    ...(NextToken ? { NextToken } : {}),
  };
}
