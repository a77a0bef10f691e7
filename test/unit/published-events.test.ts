// The contracts of the events Shepherd publishes on its own bus (shared/events/published.ts): each type has a sample
// in events/, named after it, that passes its contract, and a contract refuses an event without what it promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractOf, PUBLISHED_EVENTS } from '../../shared/events/published';
import { check } from '../../shared/validation';

const ROOT = join(__dirname, '..', '..');
const sampleOf = (detailType: string) => {
  const file = `${detailType.toLowerCase().replace(/ /g, '-')}.json`;
  return JSON.parse(readFileSync(join(ROOT, 'events', file), 'utf8')) as Record<string, unknown>;
};

describe('the events Shepherd publishes', () => {
  it.each(Object.keys(PUBLISHED_EVENTS))('has a sample of %s in events/ that passes its contract', (detailType) => {
    // Prepare
    const sample = sampleOf(detailType);

    // Act
    const checked = check(contractOf(detailType)!, sample);

    // Assess
    expect(sample['detail-type']).toBe(detailType);
    expect(checked.success ? [] : checked.problems).toEqual([]);
  });

  it('refuses an event without what its contract promises, naming the field', () => {
    // Prepare
    const sample = sampleOf('Deployment Promoted');
    const { modelPackageArn: _dropped, ...detail } = sample.detail as Record<string, unknown>;

    // Act
    const checked = check(contractOf('Deployment Promoted')!, { ...sample, detail: { ...detail, outcome: 'failed' } });

    // Assess
    expect(checked.success ? [] : checked.problems).toEqual([
      'detail.modelPackageArn: required, but missing',
      'detail.outcome: Invalid type: Expected "promoted" but received "failed"',
    ]);
  });

  it('knows no contract for a detail type Shepherd does not publish', () => {
    // Act
    const contract = contractOf('Object Created');

    // Assess
    expect(contract).toBeUndefined();
  });
});
