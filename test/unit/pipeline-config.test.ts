import { parse, stringify } from 'yaml';
import { parseConfig } from '../../shared/config/load';
import { exampleYaml, problemsOf } from '../helpers/config';

const fraudOf = (doc: { models: { name: string; [key: string]: any }[] }) =>
  doc.models.find((m) => m.name === 'fraud')!;
const indexOfFraud = (doc: { models: { name: string }[] }) => doc.models.findIndex((m) => m.name === 'fraud');

describe('a pipeline line in shepherd.yml', () => {
  it('needs no quality gate: the pipeline evaluates its own model', () => {
    // Act
    const config = parseConfig(exampleYaml);

    // Assess
    const fraud = config.models.find((m) => m.name === 'fraud')!;
    expect(fraud.training.type).toBe('pipeline');
    expect(fraud.qualityGate).toBeUndefined();
  });

  it('is refused with a quality gate, which nothing would apply', () => {
    // Prepare
    const doc = parse(exampleYaml);
    fraudOf(doc).qualityGate = { metric: 'validation:f1', direction: 'maximize', floor: 0.6 };

    // Act
    const problems = problemsOf(stringify(doc));

    // Assess
    expect(problems).toEqual([
      `models[${indexOfFraud(doc)}].qualityGate: qualityGate is not used by pipeline lines: ` +
        'the pipeline’s own steps evaluate the model',
    ]);
  });

  it('leaves the quality gate required on a job line', () => {
    // Prepare
    const doc = parse(exampleYaml);
    delete doc.models[0].qualityGate;

    // Act
    const problems = problemsOf(stringify(doc));

    // Assess
    expect(doc.models[0].training.type).toBe('job');
    expect(problems).toEqual([
      'models[0].qualityGate: required: a job or tuning line’s model is registered only once it passed the gate',
    ]);
  });

  describe('parameters, as SageMaker takes them in StartPipelineExecution', () => {
    const withParameters = (parameters: Record<string, unknown>) => {
      const doc = parse(exampleYaml);
      fraudOf(doc).training.parameters = parameters;
      return { yaml: stringify(doc), at: `models[${indexOfFraud(doc)}].training.parameters` };
    };

    it('refuses a name SageMaker refuses, naming the line and the parameter', () => {
      // Prepare
      const { yaml, at } = withParameters({ 'Input Data': 's3://a/b/', [`P${'x'.repeat(256)}`]: '1' });

      // Act
      const problems = problemsOf(yaml);

      // Assess
      const why = 'names are 1 to 256 letters, digits, "-" and "_"';
      expect(problems).toEqual([
        `${at}.Input Data: pipeline parameter "Input Data" of model line "fraud": ${why}`,
        `${at}.P${'x'.repeat(256)}: pipeline parameter "P${'x'.repeat(20)}…" of model line "fraud": ${why}`,
      ]);
    });

    it('refuses a value over 1,024 characters, naming the line and the parameter', () => {
      // Prepare
      const { yaml, at } = withParameters({ InputDataUri: `s3://a/${'k'.repeat(1020)}` });

      // Act
      const problems = problemsOf(yaml);

      // Assess
      expect(problems).toEqual([
        `${at}.InputDataUri: pipeline parameter "InputDataUri" of model line "fraud": its value has 1027 ` +
          'characters, SageMaker takes at most 1024',
      ]);
    });

    it('refuses more than 200 parameters, naming the line', () => {
      // Prepare
      const { yaml, at } = withParameters(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`P${i}`, i])));

      // Act
      const problems = problemsOf(yaml);

      // Assess
      expect(problems).toEqual([`${at}: model line "fraud" has 201 pipeline parameters, SageMaker takes at most 200`]);
    });

    it('passes names of letters, digits, "-" and "_", and values up to 1,024 characters, empty ones too', () => {
      // Prepare
      const { yaml } = withParameters({ 'input-data_2': 'x'.repeat(1024), Threshold: 0.5, Empty: '' });

      // Act
      const fraud = parseConfig(yaml).models.find((m) => m.name === 'fraud')!;

      // Assess
      expect(fraud.training).toMatchObject({
        parameters: { 'input-data_2': 'x'.repeat(1024), Threshold: '0.5', Empty: '' },
      });
    });
  });
});
