// A scenario's names checked against the config it plays: a misspelt line, endpoint or alarm is refused up front.
import { join } from 'node:path';
import { loadConfig } from '../../shared/config/load';
import { unknownNames } from '../../local/scenario-config';
import { scenarioSchema } from '../../local/scenario';
import { loadScenario } from '../../local/scenario-file';
import { ROOT } from '../../local/template';

const config = loadConfig(join(ROOT, 'shepherd.yml'));
const scenario = (body: object) => scenarioSchema.parse({ name: 'names', ...body });

describe('a scenario checked against its config', () => {
  it('accepts the default scenario, which names only what the example config and its setup have', () => {
    // Prepare
    const played = loadScenario(join(ROOT, 'local', 'scenarios', 'default.yml'));

    // Act
    const problems = unknownNames(played, config);

    // Assess
    expect(problems).toEqual([]);
  });

  it('names a training script whose line the config does not have, and the lines it has', () => {
    // Prepare
    const misspelt = scenario({ trainings: { chrun: [{ outcome: 'Completed' }] } });

    // Act
    const problems = unknownNames(misspelt, config);

    // Assess
    expect(problems).toEqual([
      'trainings.chrun: no job or tuning line of the config has this name (its lines: churn, upsell)',
    ]);
  });

  it('names traffic, endpoint outcomes and monitoring on endpoints no line deploys to and the setup lacks', () => {
    // Prepare
    const misspelt = scenario({
      setup: { endpoints: [{ name: 'legacy', variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large' }] }] },
      traffic: [
        { endpoint: 'legacy', requestsPerMinute: 10, default: { errorRate: 0, latencyMs: 5 } },
        { endpoint: 'chrun-prod', requestsPerMinute: 10, default: { errorRate: 0, latencyMs: 5 } },
      ],
      endpointOutcomes: [{ endpoint: 'churn-prd', operation: 'UpdateEndpoint', nth: 1, outcome: 'RolledBack' }],
      monitoring: { 'upsell-prod': [{ at: '1h', drifted: ['tenure'] }] },
    });

    // Act
    const problems = unknownNames(misspelt, config);

    // Assess
    expect(problems).toEqual([
      "traffic[1].endpoint: chrun-prod is neither a line's deployment.endpointName nor in setup.endpoints " +
        '(known: churn-prod, upsell-prod, legacy)',
      "endpointOutcomes[0].endpoint: churn-prd is neither a line's deployment.endpointName nor in setup.endpoints " +
        '(known: churn-prod, upsell-prod, legacy)',
      'monitoring.upsell-prod: no line with monitoring deploys to this endpoint (monitored: churn-prod)',
    ]);
  });

  it('names an alarm step whose alarm neither the setup nor Shepherd creates', () => {
    // Prepare
    const steps = [
      { at: '1m', alarm: { name: 'churn-feature-drift', state: 'ALARM', reason: 'drift' } },
      { at: '2m', alarm: { name: 'shepherd-drift-churn-prod', state: 'ALARM', reason: 'drift' } },
      { at: '3m', alarm: { name: 'churn-prod-latency-p99', state: 'ALARM', reason: 'slow' } },
    ];
    const played = scenario({ setup: { alarms: ['churn-feature-drift'] }, steps });

    // Act
    const problems = unknownNames(played, config);

    // Assess
    expect(problems).toEqual([
      'steps[2].alarm.name: churn-prod-latency-p99 is not in setup.alarms ' +
        '(known: churn-feature-drift, shepherd-drift-churn-prod)',
    ]);
  });

  it('names a rejection whose model package group neither a line of the config nor the setup has', () => {
    // Prepare
    const steps = [
      { at: '90m', reject: { package: 'churn-models/2' } },
      { at: '95m', reject: { package: 'legacy-models/1' } },
      { at: '99m', reject: { package: 'chrun-models/2' } },
    ];
    const played = scenario({ setup: { modelPackageGroups: ['legacy-models'] }, steps, rejects: ['fruad-models/1'] });

    // Act
    const problems = unknownNames(played, config);

    // Assess
    const known = '(known: churn-models, fraud-models, upsell-models, legacy-models)';
    expect(problems).toEqual([
      `steps[2].reject.package: chrun-models is no line's modelPackageGroup nor in setup.modelPackageGroups ${known}`,
      `rejects[0]: fruad-models is no line's modelPackageGroup nor in setup.modelPackageGroups ${known}`,
    ]);
  });

  it('refuses a package not named as group/version, which no author could know in advance', () => {
    // Act
    const parsed = scenarioSchema.safeParse({
      name: 'names',
      steps: [{ at: '90m', reject: { package: 'arn:aws:sagemaker:us-east-1:1:model-package/churn-models/2' } }],
    });

    // Assess
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['steps.0.reject.package', 'a model package as group/version, such as churn-models/2'],
    ]);
  });
});
