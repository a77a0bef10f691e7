import { parseConfig } from '../../shared/config/load';
import { problemsOf } from '../helpers/config';

/** A minimal line trained by tuning, with `training` lines added or replaced. */
const tuningYaml = (training: string, gate = '{ metric: "validation:auc", direction: maximize }') => `models:
  - name: upsell
    modelPackageGroup: upsell-models
    training:
      type: tuning
      image: 123.dkr.ecr.us-east-1.amazonaws.com/x:1
      roleArn: arn:aws:iam::123456789012:role/r
      instanceType: ml.m5.large
      inputChannels: [{ name: train, s3Uri: "s3://bucket-a/x/" }]
      outputPath: s3://bucket-a/out/
      hyperparameters: { num_round: 100 }
      objective: { metric: "validation:auc", type: Maximize }
      resourceLimits: { maxTrainingJobs: 6, maxParallelTrainingJobs: 2 }
${training
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
    qualityGate: ${gate}
`;

describe('training.type tuning in shepherd.yml', () => {
  it('fills the defaults: Bayesian, no early stopping, spot on every child', () => {
    // Act
    const [line] = parseConfig(
      tuningYaml('parameterRanges: [{ name: eta, type: continuous, min: 0.1, max: 0.5 }]'),
    ).models;

    // Assess
    expect(line!.training).toMatchObject({
      type: 'tuning',
      strategy: 'Bayesian',
      earlyStopping: 'Off',
      spot: true,
      parameterRanges: [{ name: 'eta', type: 'continuous', min: 0.1, max: 0.5, scaling: 'Auto' }],
    });
  });

  it.each([
    [
      'a hyperparameter both fixed and searched',
      'parameterRanges: [{ name: num_round, type: integer, min: 50, max: 500 }]',
      'models[0].training.parameterRanges[0].name: "num_round" is also a fixed hyperparameter: a hyperparameter is ' +
        'either fixed or searched, not both',
    ],
    [
      'a range whose max is not above its min',
      'parameterRanges: [{ name: eta, type: continuous, min: 0.5, max: 0.5 }]',
      'models[0].training.parameterRanges[0].max: must be greater than min (0.5)',
    ],
    [
      'Logarithmic scaling from zero',
      'parameterRanges: [{ name: eta, type: continuous, min: 0, max: 1, scaling: Logarithmic }]',
      'models[0].training.parameterRanges[0].min: must be greater than 0 for Logarithmic scaling',
    ],
    [
      'Hyperband with early stopping',
      'parameterRanges: [{ name: eta, type: continuous, min: 0.1, max: 0.5 }]\n' +
        'strategy: Hyperband\nearlyStopping: Auto',
      'models[0].training.earlyStopping: must be Off with the Hyperband strategy, which stops poor jobs itself',
    ],
    [
      'Grid over a continuous range',
      'parameterRanges: [{ name: eta, type: continuous, min: 0.1, max: 0.5 }]\nstrategy: Grid',
      'models[0].training.parameterRanges[0].type: the Grid strategy searches categorical ranges only',
    ],
    [
      'no range at all',
      'parameterRanges: []',
      'models[0].training.parameterRanges: needs at least one range to search',
    ],
  ])('refuses %s, saying where and why', (_what, training, problem) => {
    // Act
    const problems = problemsOf(tuningYaml(training));

    // Assess
    expect(problems).toEqual([problem]);
  });

  it('refuses more parallel jobs than jobs', () => {
    // Prepare
    const yaml = tuningYaml('parameterRanges: [{ name: eta, type: continuous, min: 0.1, max: 0.5 }]').replace(
      'maxParallelTrainingJobs: 2',
      'maxParallelTrainingJobs: 8',
    );

    // Act
    const problems = problemsOf(yaml);

    // Assess
    expect(problems).toEqual([
      'models[0].training.resourceLimits.maxParallelTrainingJobs: must be at most maxTrainingJobs (6)',
    ]);
  });

  it('refuses a quality gate that judges the tuning metric the other way round', () => {
    // Act
    const problems = problemsOf(
      tuningYaml(
        'parameterRanges: [{ name: eta, type: continuous, min: 0.1, max: 0.5 }]',
        '{ metric: "validation:auc", direction: minimize }',
      ),
    );

    // Assess
    expect(problems).toEqual([
      'models[0].training.objective.type: is Maximize but qualityGate.direction is minimize for the same metric ' +
        'validation:auc',
    ]);
  });

  it('refuses maxSpotRetries, which is the tuning job’s to handle for its children', () => {
    // Act
    const problems = problemsOf(
      tuningYaml('parameterRanges: [{ name: eta, type: continuous, min: 0.1, max: 0.5 }]\nmaxSpotRetries: 2'),
    );

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^models\[0\]\.training/);
    expect(problems[0]).toContain('maxSpotRetries');
  });
});
