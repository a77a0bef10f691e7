// Which part of the SageMaker emulator answers each emulated operation: hosting and Model Monitor name their own,
// the rest are listed here, with AddTags and ListTags over every part that keeps taggable resources.
import type { SageMakerParts } from './parts';
import { search } from './search';
import { Tagging } from './tags';
import type { Json } from './validation';

export function operationsOf(parts: SageMakerParts): Readonly<Record<string, (input: Json) => unknown>> {
  const { training, tuning, pipelines, registry, neo, notebooks, studio, recommendations, hosting } = parts;
  const tagging = new Tagging(parts.ctx.tags, (arn) => parts.has(arn));
  return {
    ...hosting.operations,
    ...parts.monitor.operations,
    CreateTrainingJob: (i) => training.create(i),
    DescribeTrainingJob: (i) => training.describe(i),
    ListTrainingJobs: (i) => training.list(i),
    StopTrainingJob: (i) => training.stop(i),
    CreateHyperParameterTuningJob: (i) => tuning.create(i),
    DescribeHyperParameterTuningJob: (i) => tuning.describe(i),
    CreatePipeline: (i) => pipelines.create(i),
    StartPipelineExecution: (i) => pipelines.start(i),
    DescribePipelineExecution: (i) => pipelines.describe(i),
    ListPipelineExecutions: (i) => pipelines.list(i),
    ListPipelineExecutionSteps: (i) => pipelines.steps(i),
    CreateModelPackageGroup: (i) => registry.groups.create(i),
    DescribeModelPackageGroup: (i) => registry.groups.describe(i),
    CreateModelPackage: (i) => registry.create(i),
    DescribeModelPackage: (i) => registry.describe(i),
    ListModelPackages: (i) => registry.list(i),
    UpdateModelPackage: (i) => registry.update(i),
    DeleteModelPackage: (i) => registry.delete(i),
    CreateCompilationJob: (i) => neo.create(i),
    DescribeCompilationJob: (i) => neo.describe(i),
    ListCompilationJobs: (i) => neo.list(i),
    StopCompilationJob: (i) => neo.stop(i),
    ListNotebookInstances: (i) => notebooks.list(i),
    StopNotebookInstance: (i) => notebooks.stop(i),
    ListApps: (i) => studio.listApps(i),
    CreateInferenceRecommendationsJob: (i) => recommendations.create(i),
    DescribeInferenceRecommendationsJob: (i) => recommendations.describe(i),
    DescribeDomain: (i) => studio.describeDomain(i),
    DescribeSpace: (i) => studio.describeSpace(i),
    DescribeUserProfile: (i) => studio.describeUserProfile(i),
    Search: (i) =>
      search(
        i,
        () => hosting.endpoints.all(),
        (arn) => parts.ctx.tags.list(arn),
      ),
    AddTags: (i) => tagging.add(i),
    ListTags: (i) => tagging.list(i),
  };
}
