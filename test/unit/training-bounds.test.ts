import { parse, stringify } from 'yaml';
import { parseConfig } from '../../shared/config/load';
import { exampleYaml, problemsOf } from '../helpers/config';

/** The example config with the churn line's training changed. */
const withTraining = (patch: Record<string, unknown>): string => {
  const doc = parse(exampleYaml);
  Object.assign(doc.models[0].training, patch);
  return stringify(doc);
};

describe('a training template SageMaker would refuse', () => {
  it('refuses an image longer than CreateTrainingJob takes, or not in registry/repository form', () => {
    // Prepare
    const long = `683313688378.dkr.ecr.us-east-1.amazonaws.com/${'a'.repeat(209)}:1`;

    // Act
    const tooLong = problemsOf(withTraining({ image: long }));
    const malformed = problemsOf(withTraining({ image: 'xgboost latest' }));

    // Assess
    expect(long.length).toBe(256);
    expect(tooLong).toEqual([
      'models[0].training.image: must be at most 255 characters (CreateTrainingJob, TrainingImage)',
    ]);
    expect(malformed).toEqual([
      expect.stringMatching(/^models\[0\]\.training\.image: must be an image URI such as <registry>\/<repository>/),
    ]);
  });

  it('refuses an inference image longer than a model package container takes', () => {
    // Act
    const problems = problemsOf(withTraining({ inferenceImage: `r.example/${'b'.repeat(246)}` }));

    // Assess
    expect(problems).toEqual([
      'models[0].training.inferenceImage: must be at most 255 characters (CreateModelPackage, Containers[].Image)',
    ]);
  });

  it('refuses content types longer than a model package takes, and response types not type/subtype', () => {
    // Act
    const problems = problemsOf(
      withTraining({ contentTypes: ['text/csv', `application/${'x'.repeat(245)}`], responseTypes: ['csv'] }),
    );

    // Assess
    expect(problems).toEqual([
      'models[0].training.contentTypes[1]: must be at most 256 characters (InferenceSpecification, ContentType)',
      'models[0].training.responseTypes[0]: must be a MIME type such as text/csv (SupportedResponseMIMETypes)',
    ]);
  });

  it('refuses a volume larger than SageMaker provisions and an instance count past the API integer', () => {
    // Act
    const problems = problemsOf(withTraining({ volumeSizeGb: 16385, instanceCount: 2 ** 31 }));

    // Assess
    expect(problems).toEqual([
      'models[0].training.instanceCount: must be at most 2147483647 (CreateTrainingJob takes a 32-bit integer)',
      'models[0].training.volumeSizeGb: must be at most 16384 GB (the largest EBS volume a training instance gets)',
    ]);
  });

  it('accepts the largest values SageMaker takes, and an image named by its digest', () => {
    // Prepare: 45 characters of registry and slash, 210 of repository and tag
    const image = `683313688378.dkr.ecr.us-east-1.amazonaws.com/${'a'.repeat(208)}:1`;
    const yaml = withTraining({
      image,
      inferenceImage: `683313688378.dkr.ecr.us-east-1.amazonaws.com/serve@sha256:${'0'.repeat(64)}`,
      volumeSizeGb: 16384,
      contentTypes: [`application/${'x'.repeat(244)}`],
      responseTypes: [`application/${'x'.repeat(1012)}`],
    });

    // Act
    const [churn] = parseConfig(yaml).models;

    // Assess
    expect(image.length).toBe(255);
    expect(churn!.training).toMatchObject({ image, volumeSizeGb: 16384 });
  });
});

describe('a training template whose start could not be written to the state table', () => {
  it('refuses more metric definitions or input channels than CreateTrainingJob takes, and overlong ones', () => {
    // Prepare: 600 definitions of 755 characters would make the start's outbox entry about 450 KB, past an item's 400
    const definition = (i: number) => ({ name: `m${i}-${'n'.repeat(250)}`, regex: `${'r'.repeat(499)}` });
    const channel = (i: number) => ({ name: `c${i}`, s3Uri: `s3://shepherd-example-data/churn/c${i}/` });
    const yaml = withTraining({
      metricDefinitions: [
        ...Array.from({ length: 600 }, (_, i) => definition(i)),
        { name: 'x', regex: 'r'.repeat(501) },
      ],
      inputChannels: Array.from({ length: 21 }, (_, i) => channel(i)),
    });

    const overlong = withTraining({ metricDefinitions: [{ name: 'auc', regex: 'r'.repeat(501) }] });

    // Act
    const problems = [...problemsOf(yaml), ...problemsOf(overlong)];

    // Assess
    expect(problems).toEqual([
      'models[0].training.inputChannels: at most 20 input channels (CreateTrainingJob, InputDataConfig)',
      'models[0].training.metricDefinitions: at most 40 metric definitions (CreateTrainingJob, MetricDefinitions)',
      'models[0].training.metricDefinitions[0].regex: Too big: expected string to have <=500 characters',
    ]);
  });
});
