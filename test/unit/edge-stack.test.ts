// The permissions Neo builds run with: every compilation job Shepherd names is one its functions may create.
import { iamStatements } from '../../shared/config/iam';
import type { Config } from '../../shared/config/schema';
import { emptyEdgeState, onApprovedForEdge } from '../../shared/domain/edge/builds';
import { exampleConfig } from '../helpers/config';
import { allowed, sagemakerResource } from '../helpers/iam';
import { pkg } from '../helpers/deployment';

/** Whether these statements let the function call `action` on that compilation job. */
const allowedOn = (statements: unknown[], action: string, job: string) =>
  allowed(statements, action, sagemakerResource('compilation-job', job));

/** The example config with churn renamed. */
const renamed = (name: string): Config => {
  const config = exampleConfig();
  return { ...config, models: config.models.map((m) => (m.name === 'churn' ? { ...m, name } : m)) };
};

describe('the permissions of Neo builds', () => {
  it.each([
    ['a short name', 'churn'],
    ['an upper-case name', 'Churn-Model'],
    ['a name with a double dash', 'churn--edge'],
    ['the longest name the config allows', `churn-${'x'.repeat(57)}`],
    ['a long name', 'customer-churn-propensity-model-for-retail-banking-eu'],
  ])('lets the functions that start and poll builds make every job of a line with %s', (_, name) => {
    // Prepare
    const config = renamed(name);
    const line = config.models.find((m) => m.name === name)!;
    const statements = iamStatements(config);

    // Act
    const jobs = [2, 12345].flatMap((version) =>
      onApprovedForEdge(emptyEdgeState(name), line, pkg(version), new Date('2026-11-27T02:00:00Z'))
        .actions.filter((a) => a.type === 'createCompilationJob')
        .map((a) => a.request.CompilationJobName.toLowerCase()),
    );

    // Assess
    expect(jobs).toHaveLength(4);
    for (const fn of ['modelPackageStateChanged', 'reconcile'] as const) {
      for (const job of jobs) {
        expect([fn, job, allowedOn(statements[fn], 'sagemaker:CreateCompilationJob', job)]).toEqual([fn, job, true]);
        expect([fn, job, allowedOn(statements[fn], 'sagemaker:DescribeCompilationJob', job)]).toEqual([fn, job, true]);
      }
    }
  });

  it('lets no function create a compilation job of another line', () => {
    // Prepare
    const statements = iamStatements(renamed(`churn-${'x'.repeat(57)}`));

    // Act
    const foreign = allowedOn(statements.reconcile, 'sagemaker:CreateCompilationJob', 'fraud-jetson-v2-abcdef');

    // Assess
    expect(foreign).toBe(false);
  });

  it('lets the functions that withdraw builds stop the jobs of their line, and no other', () => {
    // Prepare
    const config = renamed('churn');
    const line = config.models.find((m) => m.name === 'churn')!;
    const statements = iamStatements(config);
    const jobs = onApprovedForEdge(emptyEdgeState('churn'), line, pkg(7), new Date('2026-11-27T02:00:00Z'))
      .actions.filter((a) => a.type === 'createCompilationJob')
      .map((a) => a.request.CompilationJobName.toLowerCase());

    // Act
    const granted = (['modelPackageStateChanged', 'reconcile'] as const).flatMap((fn) =>
      jobs.map((job) => [fn, job, allowedOn(statements[fn], 'sagemaker:StopCompilationJob', job)]),
    );
    const foreign = allowedOn(statements.reconcile, 'sagemaker:StopCompilationJob', 'fraud-jetson-v2-abcdef');
    const anyJob = allowedOn(statements.reconcile, 'sagemaker:StopCompilationJob', '*');

    // Assess
    expect(granted.every(([, , ok]) => ok)).toBe(true);
    expect(granted).toHaveLength(4);
    expect([foreign, anyJob]).toEqual([false, false]);
  });
});
