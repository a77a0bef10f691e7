import { corruptStateAlert } from '../../shared/app/corrupt';
import { CorruptStateError } from '../../shared/state/corrupt';
import type { Key } from '../../shared/state/keys';
import { DEPLOYMENT_ITEM } from '../../shared/state/kinds/deployment';
import { EDGE_ITEM } from '../../shared/state/kinds/edge';
import { TRAINING_ITEM } from '../../shared/state/kinds/training';

/** Each item checked as the kind its reader names: the kind its sort key says. */
const KINDS: Record<string, typeof TRAINING_ITEM> = {
  TRAINING: TRAINING_ITEM,
  DEPLOYMENT: DEPLOYMENT_ITEM,
  EDGE: EDGE_ITEM,
};
const stateProblems = (key: Key, item: Record<string, unknown>) => KINDS[key.sk]!(key, item);

const trainingKey = { pk: 'MODEL#churn', sk: 'TRAINING' };
const deploymentKey = { pk: 'ENDPOINT#churn-prod', sk: 'DEPLOYMENT' };

/** A training item as Shepherd writes it: a run in flight and one outbox entry its version 4 added. */
const training = (): Record<string, unknown> => ({
  ...trainingKey,
  model: 'churn',
  version: 5,
  window: { gen: 2, sources: {} },
  inFlight: {
    kind: 'job',
    runName: 'churn-20261127t0008-a9e5dbc4',
    attempt: 0,
    jobName: 'churn-20261127t0008-a9e5dbc4',
    trigger: { reason: 'data', id: 'w-1', at: '2026-11-27T00:08:02Z' },
    window: { objects: 4, bytes: 2097152 },
    startedAt: '2026-11-27T00:08:02Z',
    lastHeardAt: '2026-11-27T00:08:02Z',
  },
  starts: ['2026-11-27T00:08:02Z'],
  recent: [],
  outbox: {
    '0000000004-000': {
      id: '0000000004-000',
      action: { type: 'createTrainingJob', request: {} },
      createdAt: '2026-11-27T00:08:02Z',
      leaseUntil: 0,
    },
  },
  updatedAt: '2026-11-27T00:08:02Z',
});

const deployment = (): Record<string, unknown> => ({
  ...deploymentKey,
  endpoint: 'churn-prod',
  version: 3,
  active: {
    id: 'd-1',
    model: 'churn',
    package: { arn: 'arn:pkg/1', group: 'churn-models', version: 1, containers: [{ Image: 'img' }], at: 't' },
    kind: 'canary',
    status: 'baking',
    candidate: { variant: 'v2', model: 'churn-v2', instanceCount: 2 },
    step: 0,
    weight: 10,
    expectConfig: 'cfg',
    config: 'cfg',
    bakeExtensions: 0,
    lastHeardAt: 't',
    startedAt: 't',
    judgements: [],
  },
  history: [{ id: 'd-0', modelPackageArn: 'arn:pkg/0', outcome: 'promoted', at: 't' }],
  recent: ['arn:pkg/1'],
  created: { models: ['churn-v2'], configs: ['cfg'] },
});

describe('state item checks', () => {
  it('finds nothing wrong with items as Shepherd writes them, whatever shape the data window has', () => {
    // Act
    const problems = [stateProblems(trainingKey, training()), stateProblems(deploymentKey, deployment())];

    // Assess
    expect(problems).toEqual([[], []]);
  });

  it('names an unknown deployment status and the values it may take', () => {
    // Prepare
    const item = deployment();
    (item.active as Record<string, unknown>).status = 'paused';

    // Act
    const problems = stateProblems(deploymentKey, item);

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^active\.status: .*"baking"/);
  });

  it('names each missing or wrongly typed required field by its path', () => {
    // Prepare
    const item = training();
    const inFlight = item.inFlight as Record<string, unknown>;
    delete inFlight.jobName;
    inFlight.attempt = 'one';

    // Act
    const problems = stateProblems(trainingKey, item);

    // Assess
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['inFlight.attempt', 'inFlight.jobName']);
  });

  it('finds a version set below the version that wrote the newest outbox entry', () => {
    // Prepare
    const item = { ...training(), version: 3 };

    // Act
    const problems = stateProblems(trainingKey, item);

    // Assess
    expect(problems).toEqual([
      'version: 3 is below 4, the version that wrote outbox entry 0000000004-000: it went backwards',
    ]);
  });

  it('accepts a version raised past its outbox entries, as lease updates raise it', () => {
    // Act
    const problems = stateProblems(trainingKey, { ...training(), version: 9 });

    // Assess
    expect(problems).toEqual([]);
  });

  it('finds an item that names another line than its key does', () => {
    // Act
    const problems = stateProblems(trainingKey, { ...training(), model: 'fraud' });

    // Assess
    expect(problems).toEqual(['model: "fraud" is not "churn" of its key']);
  });

  it('finds an unknown edge build status and a version that is no whole number', () => {
    // Prepare
    const build = { name: 'b', target: 'rpi', modelPackageArn: 'arn', status: 'DONE', startedAt: 't' };
    const item = { pk: 'MODEL#churn', sk: 'EDGE', model: 'churn', version: 1.5, builds: [build], recent: [] };

    // Act
    const problems = stateProblems({ pk: 'MODEL#churn', sk: 'EDGE' }, item);

    // Assess
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['builds[0].status', 'version']);
  });

  it('refuses, as Shepherd’s own mistake, to check an item as a kind other than its key says', () => {
    // Act
    const checking = () => TRAINING_ITEM(deploymentKey, deployment());

    // Assess
    expect(checking).toThrow('state item ENDPOINT#churn-prod/DEPLOYMENT read as a TRAINING item');
  });

  it('fingerprints the same content alike whatever the order of its fields, and other content apart', () => {
    // Prepare
    const item = training();
    const reordered = Object.fromEntries(Object.entries(item).reverse());

    // Act
    const [a, b, c] = [item, reordered, { ...item, version: 6 }].map(
      (i) => new CorruptStateError(trainingKey, i, ['x']).fingerprint,
    );

    // Assess
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('lists at most ten problems in the alert, and how many more the log has', () => {
    // Prepare
    const builds = Array.from({ length: 12 }, () => ({ status: 'DONE' }));
    const item = { model: 'churn', version: 2, builds };
    const problems = stateProblems({ pk: 'MODEL#churn', sk: 'EDGE' }, item);

    // Act
    const err = new CorruptStateError({ pk: 'MODEL#churn', sk: 'EDGE' }, item, problems);
    const alert = corruptStateAlert(err, 'churn', { stage: 'test', region: 'us-east-1' });

    // Assess
    expect(problems.length).toBeGreaterThan(12);
    expect(alert.message).toMatch(/problem 10 +builds\[/);
    expect(alert.message).not.toMatch(/problem 11/);
    expect(alert.message).toMatch(new RegExp(`and more +${problems.length - 10} problem\\(s\\), in the log`));
  });
});
