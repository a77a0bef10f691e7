// What a cost sweep reads of the emulated SageMaker: endpoints an account already runs (seeded with their past
// metrics), Search over them with variants and tags, notebooks listed and stopped, Studio domains and apps, and
// finished training jobs with their spot figures.
import { CloudWatchEmulator } from '../../local/cloudwatch';
import { Timeline } from '../../local/core';
import { Clock } from '../../local/clock';
import { seedCostWorld, seededEndpointSchema } from '../../local/cost-world';
import { seededStudioDomainSchema } from '../../local/studio-world';
import { SageMakerEmulator } from '../../local/sagemaker';
import { failure } from '../helpers/aws-error';

const START = new Date('2026-11-27T00:00:00Z');

function setup() {
  const clock = new Clock(START, 100_000);
  const timeline = new Timeline(clock, false);
  const sagemaker = new SageMakerEmulator({
    clock,
    timeline,
    emit: () => undefined,
    trainingPlan: () => ({ outcome: 'Completed' }),
  });
  const cloudwatch = new CloudWatchEmulator({ clock, timeline, emit: () => undefined });
  const endpoints = Array.from({ length: 3 }, (_, i) =>
    seededEndpointSchema.parse({
      name: `ep-${i}`,
      tags: { team: `t${i}` },
      variants: [
        { name: 'a', instanceType: 'ml.m5.xlarge', instanceCount: 2, requestsPerMinute: 0 },
        { name: 'b', instanceType: 'ml.m5.large', requestsPerMinute: i, cpuPercent: 7 },
      ],
    }),
  );
  seedCostWorld(
    {
      endpoints,
      notebooks: [{ name: 'nb', instanceType: 'ml.t3.medium', inServiceHours: 30, tags: { owner: 'alice' } }],
      trainingJobs: [
        {
          name: 'on-demand',
          instanceType: 'ml.m5.xlarge',
          instanceCount: 2,
          spot: false,
          hours: 2,
          endedHoursAgo: 5,
          running: false,
          tags: {},
        },
        {
          name: 'spotty',
          instanceType: 'ml.m5.xlarge',
          instanceCount: 1,
          spot: true,
          hours: 4,
          endedHoursAgo: 5,
          running: false,
          tags: {},
        },
        {
          name: 'still-going',
          instanceType: 'ml.p3.2xlarge',
          instanceCount: 2,
          spot: false,
          hours: 30,
          endedHoursAgo: 0,
          running: true,
          tags: {},
        },
      ],
      studioDomains: [
        seededStudioDomainSchema.parse({
          id: 'd-lab000000001',
          name: 'research',
          apps: [
            { space: 'bob-space', instanceType: 'ml.g4dn.xlarge', runningHours: 50 },
            { space: 'eve-space', type: 'CodeEditor', runningHours: 2 },
            { userProfile: 'carol', type: 'KernelGateway', name: 'datascience-1', status: 'Deleted' },
          ],
        }),
        seededStudioDomainSchema.parse({
          id: 'd-tidy00000002',
          name: 'tidy',
          idleShutdownMinutes: 120,
          apps: [{ space: 'dan-space', runningHours: 10 }],
        }),
      ],
    },
    sagemaker,
    cloudwatch,
    START,
  );
  const call = (op: string, input: Record<string, unknown>) => sagemaker.handle(op, input) as Record<string, any>;
  return { clock, sagemaker, cloudwatch, call };
}

describe('the account a cost sweep reads', () => {
  it('returns seeded endpoints from Search, a page at a time, InService since before the scenario, with tags', () => {
    // Prepare
    const { call } = setup();

    // Act
    const first = call('Search', { Resource: 'Endpoint', MaxResults: 2 });
    const second = call('Search', { Resource: 'Endpoint', MaxResults: 2, NextToken: first.NextToken });

    // Assess
    expect(first.Results).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    const last = second.Results[0].Endpoint;
    expect(last).toMatchObject({
      EndpointName: 'ep-2',
      EndpointStatus: 'InService',
      EndpointConfigName: 'ep-2-config',
    });
    expect(last.LastModifiedTime).toEqual(new Date('2026-10-28T00:00:00Z'));
    expect(last.ProductionVariants.map((v: any) => [v.VariantName, v.CurrentInstanceCount])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(last.Tags).toEqual([{ Key: 'team', Value: 't2' }]);
  });

  it('refuses Search of other resources and a bad request as SageMaker would', () => {
    // Prepare
    const { call } = setup();

    // Act
    const bad = failure(() => call('Search', { Resource: 'Endpoints', MaxResults: 500 }));
    const other = failure(() => call('Search', { Resource: 'TrainingJob' }));

    // Assess
    expect(bad.message).toMatch(/^2 validation errors detected: /);
    expect(other.code).toBe('UnknownOperationException');
  });

  it('records per-variant history: Invocations only where there was traffic, utilization every day', async () => {
    // Prepare
    const { cloudwatch } = setup();
    const query = (id: string, ns: string, metric: string, variant: string, stat: string) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: ns,
          MetricName: metric,
          Dimensions: [
            { Name: 'EndpointName', Value: 'ep-2' },
            { Name: 'VariantName', Value: variant },
          ],
        },
        Period: 7 * 86400,
        Stat: stat,
      },
    });

    // Act
    const out = (await cloudwatch.handle('GetMetricData', {
      StartTime: START.getTime() / 1000 - 7 * 86400,
      EndTime: START.getTime() / 1000,
      MetricDataQueries: [
        query('a', 'AWS/SageMaker', 'Invocations', 'a', 'Sum'),
        query('b', 'AWS/SageMaker', 'Invocations', 'b', 'Sum'),
        query('cpu', '/aws/sagemaker/Endpoints', 'CPUUtilization', 'b', 'Maximum'),
        query('byEndpoint', 'AWS/SageMaker', 'Invocations', 'b', 'Sum'),
      ].map((q, i) =>
        i === 3
          ? {
              ...q,
              MetricStat: {
                ...q.MetricStat,
                Metric: { ...q.MetricStat.Metric, Dimensions: [{ Name: 'EndpointName', Value: 'ep-2' }] },
              },
            }
          : q,
      ),
    })) as { MetricDataResults: { Id: string; Values: number[] }[] };

    // Assess
    const sum = (id: string) => out.MetricDataResults.find((r) => r.Id === id)!.Values.reduce((x, y) => x + y, 0);
    expect(sum('a')).toBe(0);
    expect(sum('b')).toBe(2 * 1440 * 7);
    expect(Math.max(...out.MetricDataResults.find((r) => r.Id === 'cpu')!.Values)).toBe(7);
    // By EndpointName alone, nothing: SageMaker publishes per variant.
    expect(out.MetricDataResults.find((r) => r.Id === 'byEndpoint')!.Values).toEqual([]);
  });

  it('lists notebooks left running, stops one, and refuses to stop it twice', async () => {
    // Prepare
    const { call, clock } = setup();

    // Act
    const listed = call('ListNotebookInstances', { StatusEquals: 'InService' });
    call('StopNotebookInstance', { NotebookInstanceName: 'nb' });
    const again = failure(() => call('StopNotebookInstance', { NotebookInstanceName: 'nb' }));
    await clock.sleep(3 * 60_000);

    // Assess
    expect(listed.NotebookInstances).toEqual([
      expect.objectContaining({
        NotebookInstanceName: 'nb',
        InstanceType: 'ml.t3.medium',
        NotebookInstanceStatus: 'InService',
      }),
    ]);
    expect(again.code).toBe('ValidationException');
    expect(call('ListNotebookInstances', {}).NotebookInstances[0].NotebookInstanceStatus).toBe('Stopped');
    expect(call('ListTags', { ResourceArn: listed.NotebookInstances[0].NotebookInstanceArn }).Tags).toEqual([
      { Key: 'owner', Value: 'alice' },
    ]);
  });

  it('lists Studio apps by creation time, a page at a time, with their space and instance type', () => {
    // Prepare
    const { call } = setup();

    // Act
    const first = call('ListApps', { MaxResults: 2 });
    const second = call('ListApps', { MaxResults: 2, NextToken: first.NextToken });
    const bobs = call('ListApps', { DomainIdEquals: 'd-lab000000001', SpaceNameEquals: 'bob-space' });

    // Assess
    expect([...first.Apps, ...second.Apps].map((a: { AppName: string; AppType: string }) => a.AppType)).toEqual([
      'JupyterLab',
      'KernelGateway',
      'JupyterLab',
      'CodeEditor',
    ]);
    expect(second.NextToken).toBeUndefined();
    expect(bobs.Apps).toEqual([
      {
        DomainId: 'd-lab000000001',
        SpaceName: 'bob-space',
        AppType: 'JupyterLab',
        AppName: 'default',
        Status: 'InService',
        CreationTime: new Date('2026-11-24T22:00:00Z'),
        ResourceSpec: { InstanceType: 'ml.g4dn.xlarge' },
      },
    ]);
    expect(call('ListApps', { SortOrder: 'Descending' }).Apps[0].SpaceName).toBe('eve-space');
  });

  it('refuses a ListApps request SageMaker refuses', () => {
    // Prepare
    const { call } = setup();

    // Act & Assess
    expect(failure(() => call('ListApps', { SortBy: 'Name' })).code).toBe('ValidationException');
    expect(failure(() => call('ListApps', { DomainIdEquals: 'research' })).code).toBe('ValidationException');
    expect(failure(() => call('ListApps', { MaxResults: 101 })).code).toBe('ValidationException');
    const both = failure(() => call('ListApps', { UserProfileNameEquals: 'carol', SpaceNameEquals: 'bob-space' }));
    expect(both.code).toBe('ValidationException');
  });

  it('describes a domain with its idle shutdown, one without any, and none that does not exist', () => {
    // Prepare
    const { call } = setup();

    // Act
    const tidy = call('DescribeDomain', { DomainId: 'd-tidy00000002' });
    const lab = call('DescribeDomain', { DomainId: 'd-lab000000001' });

    // Assess
    expect(tidy).toMatchObject({ DomainId: 'd-tidy00000002', DomainName: 'tidy', Status: 'InService' });
    expect(tidy.DefaultUserSettings.JupyterLabAppSettings.AppLifecycleManagement).toEqual({
      IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 120 },
    });
    expect(lab.DefaultUserSettings.JupyterLabAppSettings.AppLifecycleManagement).toBeUndefined();
    expect(lab.DefaultUserSettings.CodeEditorAppSettings.AppLifecycleManagement).toBeUndefined();
    expect(failure(() => call('DescribeDomain', { DomainId: 'd-123' })).code).toBe('ResourceNotFound');
    expect(failure(() => call('DescribeDomain', { DomainId: 'D_bad' })).code).toBe('ValidationException');
    expect(failure(() => call('DescribeDomain', {})).code).toBe('ValidationException');
  });

  it('answers DescribeSpace and DescribeUserProfile for the spaces and profiles seeded apps run in', () => {
    // Prepare
    const { call } = setup();

    // Act
    const space = call('DescribeSpace', { DomainId: 'd-lab000000001', SpaceName: 'bob-space' });
    const carol = call('DescribeUserProfile', { DomainId: 'd-lab000000001', UserProfileName: 'carol' });

    // Assess: shared spaces and profiles without settings of their own, so the domain's idle shutdown decides
    expect(space).toMatchObject({ DomainId: 'd-lab000000001', SpaceName: 'bob-space', Status: 'InService' });
    expect(space.OwnershipSettings).toBeUndefined();
    expect(carol).toMatchObject({ UserProfileName: 'carol', UserSettings: {} });
    const gone = { DomainId: 'd-tidy00000002', SpaceName: 'bob-space' };
    expect(failure(() => call('DescribeSpace', gone)).code).toBe('ResourceNotFound');
    expect(failure(() => call('DescribeUserProfile', { DomainId: 'd-lab000000001' })).code).toBe('ValidationException');
  });

  it('refuses a seeded app in neither a space nor a user profile, and an idle timeout AWS would refuse', () => {
    // Act
    const homeless = seededStudioDomainSchema.safeParse({ id: 'd-x1', name: 'x', apps: [{ type: 'JupyterLab' }] });
    const tooQuick = seededStudioDomainSchema.safeParse({ id: 'd-x1', name: 'x', idleShutdownMinutes: 5 });

    // Assess
    expect(homeless.error?.issues[0]?.message).toBe('needs either space or userProfile');
    expect(tooQuick.success).toBe(false);
  });

  it("seeds a JupyterServer app on Studio Classic's system instance, and refuses an instance type no app has", () => {
    // Act
    const app = (instanceType: string) =>
      seededStudioDomainSchema.safeParse({
        id: 'd-x1',
        name: 'x',
        apps: [{ userProfile: 'ann', type: 'JupyterServer', instanceType }],
      });

    // Assess
    expect(app('system').data?.apps[0]).toMatchObject({ instanceType: 'system', name: 'default' });
    expect(app('m5.large').error?.issues[0]?.message).toBe('must be an instance type such as ml.t3.medium, or system');
  });

  it('keeps finished jobs with their spot figures, listed by creation time', () => {
    // Prepare
    const { call } = setup();

    // Act
    const listed = call('ListTrainingJobs', {
      CreationTimeAfter: START.getTime() / 1000 - 86400,
      StatusEquals: 'Completed',
    });
    const [onDemand, spot] = ['on-demand', 'spotty'].map((n) => call('DescribeTrainingJob', { TrainingJobName: n }));

    // Assess
    expect(listed.TrainingJobSummaries.map((j: any) => j.TrainingJobName)).toEqual(['spotty', 'on-demand']);
    expect(onDemand).toMatchObject({
      EnableManagedSpotTraining: false,
      TrainingTimeInSeconds: 7200,
      BillableTimeInSeconds: 7200,
    });
    expect(spot).toMatchObject({
      EnableManagedSpotTraining: true,
      TrainingTimeInSeconds: 14400,
      BillableTimeInSeconds: 5040,
    });
    expect(onDemand!.ResourceConfig).toMatchObject({ InstanceType: 'ml.m5.xlarge', InstanceCount: 2 });
  });

  it('lists a job still running under InProgress only, started before the scenario and not ended', () => {
    // Prepare
    const { call } = setup();

    // Act
    const running = call('ListTrainingJobs', { StatusEquals: 'InProgress' });
    const completed = call('ListTrainingJobs', { StatusEquals: 'Completed' });
    const described = call('DescribeTrainingJob', { TrainingJobName: 'still-going' });

    // Assess
    expect(running.TrainingJobSummaries.map((j: any) => j.TrainingJobName)).toEqual(['still-going']);
    expect(completed.TrainingJobSummaries.map((j: any) => j.TrainingJobName)).not.toContain('still-going');
    expect(described).toMatchObject({ TrainingJobStatus: 'InProgress', SecondaryStatus: 'Training' });
    expect(described.TrainingStartTime).toEqual(new Date(START.getTime() - 30 * 3_600_000));
    expect(described.TrainingEndTime).toBeUndefined();
    expect(described.BillableTimeInSeconds).toBeUndefined();
  });

  it('runs an Inference Recommender job on a package: once per name, results once complete', async () => {
    // Prepare
    const { call, clock, sagemaker } = setup();
    sagemaker.createModelPackageGroup('ranker-models');
    const { ModelPackageArn } = call('CreateModelPackage', {
      ModelPackageGroupName: 'ranker-models',
      ModelApprovalStatus: 'Approved',
      InferenceSpecification: {
        Containers: [{ Image: 'example.dkr.ecr.us-east-1.amazonaws.com/serve:1', ModelDataUrl: 's3://b/model.tar.gz' }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
    });
    const job = {
      JobName: 'shepherd-rec-0123456789abcdef',
      JobType: 'Default',
      RoleArn: 'arn:aws:iam::123456789012:role/recommender',
      InputConfig: { ModelPackageVersionArn: ModelPackageArn },
    };

    // Act
    const missing = failure(() => call('DescribeInferenceRecommendationsJob', { JobName: job.JobName }));
    call('CreateInferenceRecommendationsJob', job);
    const twice = failure(() => call('CreateInferenceRecommendationsJob', job));
    const unknownPackage = failure(() =>
      call('CreateInferenceRecommendationsJob', {
        ...job,
        JobName: 'other',
        InputConfig: { ModelPackageVersionArn: `${ModelPackageArn}9` },
      }),
    );
    const running = call('DescribeInferenceRecommendationsJob', { JobName: job.JobName });
    await clock.sleep(46 * 60_000);
    const done = call('DescribeInferenceRecommendationsJob', { JobName: job.JobName });

    // Assess
    expect([missing.code, twice.code, unknownPackage.code]).toEqual([
      'ResourceNotFound',
      'ResourceInUse',
      'ValidationException',
    ]);
    expect(running).toMatchObject({ Status: 'IN_PROGRESS' });
    expect(running.InferenceRecommendations).toBeUndefined();
    expect(done.Status).toBe('COMPLETED');
    expect(
      done.InferenceRecommendations.map((r: any) => [r.EndpointConfiguration.InstanceType, r.Metrics.CostPerHour]),
    ).toEqual([
      ['ml.m5.large', 0.115],
      ['ml.c5.xlarge', 0.204],
    ]);
  });
});
