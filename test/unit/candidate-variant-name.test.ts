// The candidate's variant is named after its package version (v<version>). An endpoint can already serve a variant of
// that name: one made by hand or by another tool, or by a model package group since deleted and made again, whose
// versions count from 1 anew. SageMaker refuses an endpoint config that names one variant twice.
import { startDeployment } from '../../shared/domain/deployment/start';
import { emptyDeploymentState } from '../../shared/domain/deployment/state';
import { ofType } from '../helpers/actions';
import { churnLine, pkg, servingV1 } from '../helpers/deployment';

const churn = churnLine();
const t0 = new Date('2026-11-27T02:00:00Z');
/** SageMaker's pattern for a variant name. */
const VARIANT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

describe('a canary whose package version names the variant the endpoint serves', () => {
  it('gives the candidate a variant name of its own in the canary config, valid for SageMaker', () => {
    // Prepare: churn-prod serves v2, a model of the group before it was made again; its new version 2 is approved
    const servingV2 = { ...servingV1, serving: { ...servingV1.serving, variant: 'v2', model: 'churn-v2-999999' } };

    // Act
    const d = startDeployment(emptyDeploymentState('churn-prod'), churn, pkg(2), servingV2, t0);

    // Assess
    const [config] = ofType(d.actions, 'createEndpointConfig');
    const names = config!.request.ProductionVariants.map((v) => v.VariantName!);
    expect(names[0]).toBe('v2');
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(VARIANT_NAME);
    expect(d.state?.active?.candidate.variant).toBe(names[1]);
    expect(d.state?.active?.baseline?.variant).toBe('v2');
  });

  it('keeps the plain v<version> name when the endpoint serves another variant', () => {
    // Act
    const d = startDeployment(emptyDeploymentState('churn-prod'), churn, pkg(2), servingV1, t0);

    // Assess
    const [config] = ofType(d.actions, 'createEndpointConfig');
    expect(config!.request.ProductionVariants.map((v) => v.VariantName)).toEqual(['v1', 'v2']);
  });
});
