import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { type ConfigError, loadConfig, parseConfig } from '../../shared/config/load';
import { configWarnings } from '../../shared/config/schema';
import { exampleConfig, exampleYaml, problemsOf } from '../helpers/config';

describe('shepherd.yml', () => {
  it('the example file describes the churn line the scenario uses', () => {
    // Act
    const config = exampleConfig();

    // Assess
    const churn = config.models.find((m) => m.name === 'churn')!;
    expect(churn.modelPackageGroup).toBe('churn-models');
    expect(churn.triggers.data).toEqual([
      expect.objectContaining({ bucket: 'shepherd-example-data', prefix: 'churn/incoming/' }),
    ]);
    expect(churn.triggers.driftAlarms).toEqual(['churn-feature-drift']);
    expect(churn.triggers.schedule).toMatch(/^cron\(/);
    expect(churn.deployment?.endpointName).toBe('churn-prod');
    expect(churn.training.type).toBe('job');
    expect(config.models.find((m) => m.name === 'fraud')?.training).toMatchObject({
      type: 'pipeline',
      pipelineName: 'fraud-training-pipeline',
    });
  });

  it('fills defaults a user may leave out: spot on, two retries, manual approval', () => {
    // Prepare
    const yaml = `models:
  - name: minimal
    modelPackageGroup: minimal-models
    training:
      type: job
      image: 123.dkr.ecr.us-east-1.amazonaws.com/x:1
      roleArn: arn:aws:iam::123456789012:role/r
      instanceType: ml.m5.large
      inputChannels: [{ name: train, s3Uri: "s3://bucket-a/x/" }]
      outputPath: s3://bucket-a/out/
    qualityGate: { metric: "validation:auc", direction: maximize }
`;
    // Act
    const [m] = parseConfig(yaml).models;

    // Assess
    expect(m!.training).toMatchObject({
      spot: true,
      maxSpotRetries: 2,
      instanceCount: 1,
      stoppingCondition: { maxRuntimeSeconds: 3600 },
    });
    expect(m!.approval.mode).toBe('manual');
    expect(m!.guards).toEqual({ cooldownMinutes: 60, maxTrainingsPerDay: 4, stalledAfterMinutes: 30 });
  });

  it('reports every problem with its path and reason, not only the first', () => {
    // Prepare
    const yaml = exampleYaml
      .replace('name: churn', 'name: churn_model!')
      .replace('roleArn: arn:aws:iam::123456789012:role/shepherd-sagemaker-training', 'roleArn: shepherd-role')
      .replace('direction: maximize', 'direction: upwards');

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\[0\]\.name: must match/),
        expect.stringMatching(/^models\[0\]\.training\.roleArn: must be an IAM role ARN/),
        expect.stringMatching(/^models\[0\]\.qualityGate\.direction: /),
      ]),
    );
  });

  it('reports a value of the wrong type and a bad canary step list of the same deployment together', () => {
    // Prepare
    const yaml = exampleYaml
      .replace('bakeMinutes: 15', 'bakeMinutes: fifteen')
      .replace('canarySteps: [10, 25, 50, 100]', 'canarySteps: [50, 25]');

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\[0\]\.deployment\.bakeMinutes: .*expected number/),
        'models[0].deployment.canarySteps: must increase strictly and end at 100',
      ]),
    );
  });

  it('still runs the checks across fields and lines when a value elsewhere has the wrong type', () => {
    // Prepare
    const yaml = exampleYaml
      .replace('bakeMinutes: 15', 'bakeMinutes: fifteen')
      .replace('maxWaitSeconds: 7200', 'maxWaitSeconds: 1800')
      .replace('          minObjects: 3\n          minBytes: 104857600\n', '')
      .replace('name: fraud', 'name: churn');

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'models[0].training.stoppingCondition.maxWaitSeconds: ' +
          'must be at least maxRuntimeSeconds for managed spot training (the wait includes the runtime)',
        'models[0].triggers.data[0]: needs minObjects or minBytes (the threshold that starts a retraining)',
        'models[1].name: duplicates the name of models[0]',
      ]),
    );
  });

  it('rejects spot training whose wait is shorter than its runtime', () => {
    // Act
    const problems = problemsOf(exampleYaml.replace('maxWaitSeconds: 7200', 'maxWaitSeconds: 3599'));

    // Assess
    expect(problems).toEqual([
      'models[0].training.stoppingCondition.maxWaitSeconds: ' +
        'must be at least maxRuntimeSeconds for managed spot training (the wait includes the runtime)',
    ]);
  });

  it('accepts spot training that waits exactly its runtime, as CreateTrainingJob does', () => {
    // Act
    const config = parseConfig(exampleYaml.replace('maxWaitSeconds: 7200', 'maxWaitSeconds: 3600'));

    // Assess
    expect(config.models[0]!.training).toMatchObject({
      spot: true,
      stoppingCondition: { maxRuntimeSeconds: 3600, maxWaitSeconds: 3600 },
    });
  });

  it('rejects a data trigger without a threshold, and two lines watching the same prefix', () => {
    // Act
    const problems = problemsOf(
      exampleYaml
        .replace('          minObjects: 3\n          minBytes: 104857600\n', '')
        .replace('prefix: fraud/incoming/', 'prefix: churn/'),
    );

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'models[0].triggers.data[0]: needs minObjects or minBytes (the threshold that starts a retraining)',
        expect.stringMatching(
          new RegExp(
            [
              '^models\\[1\\]\\.triggers\\.data\\[0\\]: overlaps s3:\\/\\/shepherd-example-data\\/churn\\/incoming\\/ ',
              'of model line "churn"',
            ].join(''),
          ),
        ),
      ]),
    );
  });

  it('rejects duplicate model line names and unknown keys (typos)', () => {
    // Act
    const problems = problemsOf(
      exampleYaml.replace('name: fraud', 'name: churn').replace('bakeMinutes: 15', 'bakeMinutse: 15'),
    );

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/models\[0\]\.deployment: Unrecognized key: "bakeMinutse"/)]),
    );
    expect(problemsOf(exampleYaml.replace('name: fraud', 'name: churn'))).toContain(
      'models[1].name: duplicates the name of models[0]',
    );
  });

  it('rejects two lines registering in one model package group, however its name is cased', () => {
    // Act
    const problems = problemsOf(
      exampleYaml.replace('modelPackageGroup: fraud-models', 'modelPackageGroup: Churn-Models'),
    );

    // Assess
    expect(problems).toEqual([
      'models[1].modelPackageGroup: model package group "Churn-Models" is already used by model line "churn"',
    ]);
  });

  it('rejects two model lines whose names differ only in case, as SageMaker names the resources of both alike', () => {
    // Act
    const problems = problemsOf(exampleYaml.replace('name: fraud', 'name: Churn'));

    // Assess
    expect(problems).toEqual([
      'models[1].name: differs only in case from models[0] ("churn"): SageMaker names ignore case',
    ]);
  });

  it("rejects a line named as the cost sweeps' timeline, which the line's own would be mixed into", () => {
    // Act
    const problems = problemsOf(exampleYaml.replace('name: fraud', 'name: cost-sweep'));

    // Assess
    expect(problems).toEqual([
      'models[1].name: "cost-sweep" is the timeline of the cost sweeps (MODEL#cost-sweep): name the line otherwise',
    ]);
  });

  it('rejects two lines deploying to one endpoint or trained by one pipeline, however its name is cased', () => {
    // Prepare: the fraud line deploys to churn's endpoint; the churn line runs fraud's pipeline
    const doc = parse(exampleYaml);
    const [churn, fraud] = doc.models;
    fraud.deployment = { ...churn.deployment, endpointName: 'Churn-Prod' };
    churn.training = { ...fraud.training, pipelineName: 'Fraud-Training-Pipeline' };
    delete churn.monitoring;
    delete churn.qualityGate;

    // Act
    const problems = problemsOf(stringify(doc));

    // Assess
    expect(problems).toEqual([
      'models[1].training.pipelineName: pipeline "fraud-training-pipeline" already trains model line "churn"',
      'models[1].deployment.endpointName: endpoint "Churn-Prod" is already used by model line "churn"',
    ]);
  });

  it('rejects an approver named twice (in any case), or longer than an address, as each gets links of its own', () => {
    // Prepare
    const long = `${'a'.repeat(250)}@example.com`;
    // An address in another case is the same mailbox, and would get a second set of links
    const twice = '        - ml-leads@example.com\n        - ML-Leads@example.com\n';

    // Act
    const problems = [
      ...problemsOf(exampleYaml.replace('        - ml-leads@example.com\n', twice)),
      ...problemsOf(exampleYaml.replace('ml-leads@example.com', long)),
    ];

    // Assess
    expect(problems).toEqual([
      'models[0].approval.approvers[1]: names ml-leads@example.com again: each approver gets one set of links',
      'models[0].approval.approvers[0]: at most 254 characters (the longest e-mail address)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    // Act
    const problems = problemsOf('models:\n  - name: a\n   bad: [\n');

    // Assess
    expect(problems[0]).toMatch(/^line \d+, column \d+: /);
  });

  it('says a YAML syntax error once, at its line and column, with no colon left of a code frame it cut off', () => {
    // Act
    const problems = problemsOf('models:\n  - name: a\n    guards: { cooldownMinutes: 30\n    approval: x\n');

    // Assess
    expect(problems).toEqual([
      'line 4, column 5: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('says a field left out is required, as the functions say of their inputs, not what type undefined is not', () => {
    // Act
    const problems = problemsOf(exampleYaml.replace(/^ {6}executionRoleArn: .*\n/m, ''));

    // Assess
    expect(problems).toEqual(['models[0].deployment.executionRoleArn: required, but missing']);
  });

  it('prints no stack trace for a config error', () => {
    // Act
    let error: ConfigError | undefined;
    try {
      parseConfig('models: []', 'shepherd.yml');
    } catch (err) {
      error = err as ConfigError;
    }

    // Assess
    expect(error?.stack).toBe('invalid Shepherd config shepherd.yml:\n  - models: needs at least one model line');
  });

  it('says a config file that does not exist is no such file, naming its path', () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'shepherd-config-')), 'no-such-config.yml');

    // Act
    const load = () => loadConfig(path);

    // Assess
    expect(load).toThrow(`invalid Shepherd config ${path}:\n  - no such file`);
  });

  it('says why a config file that exists cannot be read, by its error code', () => {
    // Prepare: a directory is there, but is no file to read
    const path = mkdtempSync(join(tmpdir(), 'shepherd-config-'));

    // Act
    const load = () => loadConfig(path);

    // Assess
    expect(load).toThrow(`invalid Shepherd config ${path}:\n  - cannot be read: EISDIR`);
  });

  it('checks deployments: canary steps end at 100, an instance type or serverless, one edge target kind', () => {
    // Act
    const problems = problemsOf(
      exampleYaml
        .replace('canarySteps: [10, 25, 50, 100]', 'canarySteps: [10, 50, 25]')
        .replace('      instanceType: ml.m5.large\n', '')
        .replace('        targetDevice: jetson_xavier\n', ''),
    );

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'models[0].deployment.canarySteps: must increase strictly and end at 100',
        'models[0].deployment.instanceType: needs instanceType (instance variant) or serverless',
        'models[0].edgeTargets[0].targetDevice: needs exactly one of targetDevice or targetPlatform',
      ]),
    );
  });

  it('refuses a canary with more than 20 steps: each is a bake, a weight change and judgements in one item', () => {
    // Prepare: 21 steps, 1 % to 20 % then 100 %
    const steps = [...Array.from({ length: 20 }, (_, i) => i + 1), 100];

    // Act
    const problems = problemsOf(exampleYaml.replace('canarySteps: [10, 25, 50, 100]', `canarySteps: [${steps}]`));

    // Assess
    expect(problems).toEqual([
      'models[0].deployment.canarySteps: at most 20 steps: each is a bake, an UpdateEndpointWeightsAndCapacities ' +
        "and the step's judgements in the endpoint's DynamoDB item (at most 400 KB)",
    ]);
  });

  it('accepts a canary of 20 steps', () => {
    // Prepare
    const steps = Array.from({ length: 20 }, (_, i) => 5 * (i + 1));

    // Act
    const config = parseConfig(exampleYaml.replace('canarySteps: [10, 25, 50, 100]', `canarySteps: [${steps}]`));

    // Assess
    expect(config.models[0]!.deployment!.canarySteps).toHaveLength(20);
  });

  it('refuses a rollout of more than 120 judgements, each kept in the endpoint item until the rollout ends', () => {
    // Prepare: 7 judged steps of a bake and 20 extensions each: 147 judgements
    const yaml = exampleYaml
      .replace('canarySteps: [10, 25, 50, 100]', 'canarySteps: [5, 10, 15, 20, 25, 30, 35, 100]')
      .replace('maxBakeExtensions: 2', 'maxBakeExtensions: 20');

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual([
      'models[0].deployment.maxBakeExtensions: at most 120 judgements a rollout (each step below 100 is judged at ' +
        "its bake and each extension), kept in the endpoint's DynamoDB item (at most 400 KB): 7 steps × (1 + 20) " +
        'make 147; use fewer steps or extensions',
    ]);
  });

  it('refuses a canary with no step below 100: the candidate would take all traffic beside an idle baseline', () => {
    // Act
    const problems = problemsOf(exampleYaml.replace('canarySteps: [10, 25, 50, 100]', 'canarySteps: [100]'));

    // Assess
    expect(problems).toEqual([
      'models[0].deployment.canarySteps: needs a step below 100: the candidate is judged beside the baseline at ' +
        'each step below 100, and at 100 the baseline serves nothing to judge it against',
    ]);
  });

  it('accepts a serverless line whose only step is 100, as it has no canary', () => {
    // Prepare
    const serverless = '      serverless: { memorySizeInMB: 2048, maxConcurrency: 5 }\n';
    const unmonitored = exampleYaml.replace(/ {4}# Shepherd captures[\s\S]*?(?= {4}edgeTargets:)/, '');
    const yaml = unmonitored
      .replace('      instanceType: ml.m5.large\n', serverless)
      .replace('canarySteps: [10, 25, 50, 100]', 'canarySteps: [100]');

    // Act
    const config = parseConfig(yaml);

    // Assess
    expect(config.models[0]!.deployment!.canarySteps).toEqual([100]);
  });

  it('refuses an edge target CreateCompilationJob would refuse: unknown device, malformed version, long input', () => {
    // Prepare: the second target's input (the first's is given a version, so the two read apart)
    const rpiInput = `dataInputConfig: '{"data": [1, 20]}'`;
    const rpiOutput = '        outputS3Uri: s3://shepherd-example-artifacts/churn/edge/rpi/';

    // Act
    const problems = problemsOf(
      exampleYaml
        .replace('targetDevice: jetson_xavier', 'targetDevice: jetson-xavier')
        .replace(
          `dataInputConfig: '{"data": [1, 20]}'`,
          `dataInputConfig: '{"data": [1, 20]}'\n        frameworkVersion: v1`,
        )
        .replace(`${rpiInput}\n${rpiOutput}`, `dataInputConfig: '${'x'.repeat(1025)}'\n${rpiOutput}`),
    );

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\[0\]\.edgeTargets\[0\]\.targetDevice: must be a SageMaker Neo device such as/),
        expect.stringMatching(/^models\[0\]\.edgeTargets\[0\]\.frameworkVersion: must be a version such as 1\.13/),
        'models[0].edgeTargets[1].dataInputConfig: must be at most 1024 characters',
      ]),
    );
  });

  it('refuses hyperparameters SageMaker would refuse', () => {
    // Prepare: 103 hyperparameters, one value of 2501 characters
    const many = Array.from({ length: 98 }, (_, i) => `        extra_${i}: 1\n`).join('');
    const yaml = exampleYaml.replace(
      '        num_round: 200\n',
      `        num_round: 200\n        note: '${'x'.repeat(2501)}'\n${many}`,
    );

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'models[0].training.hyperparameters: at most 100 hyperparameters (CreateTrainingJob), found 103',
        'models[0].training.hyperparameters.note: must be at most 2500 characters',
      ]),
    );
  });

  it('refuses an abort alarm name DescribeAlarms would refuse, as it does a drift alarm name', () => {
    // Act
    const problems = problemsOf(
      exampleYaml.replace('abortAlarms: [churn-prod-latency-p99]', `abortAlarms: [${'a'.repeat(256)}]`),
    );

    // Assess
    expect(problems).toEqual([
      'models[0].deployment.abortAlarms[0]: Too big: expected string to have <=255 characters',
    ]);
  });

  it('refuses custom metrics one GetMetricData could not read: too many, or too many dimensions', () => {
    // Prepare: 248 metrics make 2 × (3 + 248) = 502 queries a look; 29 dimensions and Shepherd's 2 make 31
    const metric = (i: number, dims = '{}') =>
      `          - { namespace: App, name: m${i}, dimensions: ${dims}, better: lower, margin: 0 }\n`;
    const judged = (metrics: string[]) =>
      exampleYaml.replace(
        '        maxLatencyMs: 500\n',
        `        maxLatencyMs: 500\n        customMetrics:\n${metrics.join('')}`,
      );
    const wide = `{ ${Array.from({ length: 29 }, (_, i) => `d${i}: x`).join(', ')} }`;

    // Act
    const tooMany = problemsOf(judged(Array.from({ length: 248 }, (_, i) => metric(i))));
    const tooWide = problemsOf(judged([metric(0, wide)]));

    // Assess
    expect(tooMany).toEqual([
      'models[0].deployment.judge.customMetrics: at most 247: a look reads 2 variants × (3 + metrics) in one ' +
        'GetMetricData, which takes 500 queries',
    ]);
    expect(tooWide).toEqual([
      'models[0].deployment.judge.customMetrics[0].dimensions: at most 28: CloudWatch takes 30 dimensions a metric, ' +
        'and Shepherd adds EndpointName and VariantName',
    ]);
  });

  it('refuses a VPC and network isolation on a serverless line, with an unrelated problem of its deployment', () => {
    // Prepare
    const serverless = [
      '      serverless: { memorySizeInMB: 2048, maxConcurrency: 5 }',
      '      vpcConfig: { securityGroupIds: [sg-0a1b2c3d], subnets: [subnet-0a1b2c3d] }',
      '      enableNetworkIsolation: true',
      '',
    ].join('\n');
    const yaml = exampleYaml
      .replace('      instanceType: ml.m5.large\n      instanceCount: 2\n', serverless)
      .replace('bakeMinutes: 15', 'bakeMinutes: fifteen');

    // Act
    const problems = problemsOf(yaml);

    // Assess
    const refused = 'SageMaker Serverless Inference does not support';
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\[0\]\.deployment\.bakeMinutes: .*expected number/),
        `models[0].deployment.vpcConfig: ${refused} a VPC: drop it, or use instanceType`,
        `models[0].deployment.enableNetworkIsolation: ${refused} network isolation: drop it, or use instanceType`,
      ]),
    );
  });

  it('accepts a serverless line without a VPC or network isolation', () => {
    // Act
    const serverless = '      serverless: { memorySizeInMB: 2048, maxConcurrency: 5 }\n';
    // Model Monitor cannot watch a serverless endpoint (test/unit/monitoring-config.test.ts).
    const unmonitored = exampleYaml.replace(/ {4}# Shepherd captures[\s\S]*?(?= {4}edgeTargets:)/, '');
    const config = parseConfig(unmonitored.replace('      instanceType: ml.m5.large\n', serverless));

    // Assess
    expect(config.models[0]!.deployment).toMatchObject({
      serverless: { memorySizeInMB: 2048, maxConcurrency: 5 },
      enableNetworkIsolation: false,
    });
  });

  it('warns, without refusing, about a manual line with no approvers: nobody gets links, the CLI still decides', () => {
    // Prepare
    const yaml = exampleYaml.replace('      approvers:\n        - ml-leads@example.com\n', '');

    // Act
    const config = parseConfig(yaml);

    // Assess
    expect(config.models[0]!.approval).toMatchObject({ mode: 'manual', approvers: [] });
    expect(configWarnings(config)).toEqual([
      'models[0].approval.approvers: none on a manual line: nobody gets approval links, so its packages wait for ' +
        'someone to decide them with `npx shepherd approve|reject` (the approval notification, sent without links, ' +
        'gives the command) or in SageMaker Studio',
    ]);
  });

  it('warns about an auto job or tuning line with no approvers: its first model waits for someone nobody links', () => {
    // Prepare
    const yaml = exampleYaml.replace('      approvers:\n        - growth-leads@example.com\n', '');

    // Act
    const config = parseConfig(yaml);

    // Assess
    expect(config.models[2]!.approval).toMatchObject({ mode: 'auto', approvers: [] });
    expect(configWarnings(config)).toEqual([
      'models[2].approval.approvers: none on an auto line: a model approves itself only by beating the newest ' +
        "Approved package's validation:auc by the margin, so the line's first model, and any while that package " +
        'records no validation:auc, waits for a person, and nobody gets approval links: someone decides it with ' +
        '`npx shepherd approve|reject` (the approval notification, sent without links, gives the command) or in ' +
        'SageMaker Studio',
    ]);
  });

  it('warns about a line with no approvers whose canary may be held for a person, as nobody gets its links', () => {
    // Prepare: the upsell line holds an inconclusive canary for a human
    const yaml = exampleYaml
      .replace('      approvers:\n        - growth-leads@example.com\n', '')
      .replace(
        '      instanceCount: 2\n\n# Account-wide',
        '      instanceCount: 2\n      onInconclusive: hold\n\n# Account-wide',
      );

    // Act
    const config = parseConfig(yaml);

    // Assess
    expect(config.models[2]!.deployment).toMatchObject({ endpointName: 'upsell-prod', onInconclusive: 'hold' });
    expect(configWarnings(config)).toEqual([
      'models[2].approval.approvers: none on an auto line: a model approves itself only by beating the newest ' +
        "Approved package's validation:auc by the margin, so the line's first model, and any while that package " +
        'records no validation:auc, waits for a person, and nobody gets approval links: someone decides it with ' +
        '`npx shepherd approve|reject` (the approval notification, sent without links, gives the command) or in ' +
        'SageMaker Studio; nobody gets the Promote/Abort links of a canary `onInconclusive: hold` keeps, so it ' +
        'waits for someone to run `npx shepherd promote|abort` (its alert, sent without links, gives the command)',
    ]);
  });

  it("does not warn about an auto pipeline line with no approvers: Shepherd leaves its pipeline's choice alone", () => {
    // Act
    const config = exampleConfig();

    // Assess
    expect(config.models[1]).toMatchObject({
      training: { type: 'pipeline' },
      approval: { mode: 'auto', approvers: [] },
    });
    expect(configWarnings(config)).toEqual([]);
  });

  it('warns, without refusing, about a production variant on a single instance', () => {
    // Act
    const config = parseConfig(exampleYaml.replace('      instanceCount: 2\n', '      instanceCount: 1\n'));

    // Assess
    expect(configWarnings(config)).toEqual([
      'models[0].deployment.instanceCount: 1 instance lives in one Availability Zone; ' +
        '2 or more spread the variant across zones',
    ]);
    expect(configWarnings(exampleConfig())).toEqual([]);
  });
});
