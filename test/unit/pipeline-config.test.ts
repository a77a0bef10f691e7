import { parse, stringify } from 'yaml';
import { parseConfig } from '../../shared/config/load';
import { exampleYaml, problemsOf } from '../helpers/config';

const fraudOf = (doc: { models: { name: string; [key: string]: unknown }[] }) =>
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
});
