// Which of two approvals is the newer, as the deployment and the edge both order them.
import { newerFirst } from '../../shared/domain/approval/newest';

const approval = (version: number, at: string, group = 'churn') => ({
  arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/${group}/${version}`,
  group,
  version,
  at,
});

describe('newerFirst', () => {
  it('puts the later approval first, whatever the versions', () => {
    // Prepare
    const approvals = [approval(3, '2026-11-27T02:50:00Z'), approval(2, '2026-11-27T03:10:00Z')];

    // Act
    const ordered = [...approvals].sort(newerFirst);

    // Assess
    expect(ordered.map((a) => a.version)).toEqual([2, 3]);
  });

  it('puts the higher version first at the same instant, with or without milliseconds in its time', () => {
    // Prepare: an event's time has no milliseconds, the clock's has
    const approvals = [approval(2, '2026-11-27T03:03:54Z'), approval(3, '2026-11-27T03:03:54.000Z')];

    // Act
    const ordered = [...approvals].sort(newerFirst);

    // Assess
    expect(ordered.map((a) => a.version)).toEqual([3, 2]);
    expect(newerFirst(approvals[1]!, approvals[0]!)).toBeLessThan(0);
  });

  it('leaves approvals of other groups at the same instant unordered', () => {
    // Prepare
    const mine = approval(2, '2026-11-27T03:03:54Z');
    const theirs = approval(9, '2026-11-27T03:03:54.000Z', 'fraud');

    // Act
    const order = newerFirst(mine, theirs);

    // Assess
    expect(order).toBe(0);
  });
});
