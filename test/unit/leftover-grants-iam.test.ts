// Each function's declared grants (shared/app/grants.ts, the leftover outbox work it takes on) are its IAM role
// (shared/config/iam.ts), through one table of what IAM each outbox action takes (shared/config/outbox-grants.ts): a
// leftover it declares is one its role may perform on the line's resources, and its role allows no action it leaves.
import { everyLeftover, type Performs } from '../../shared/app/grants';
import * as GRANTS_BY_FUNCTION from '../../shared/app/leftover-grants';
import { FUNCTIONS, type FunctionName } from '../../shared/config/functions';
import { iamStatements } from '../../shared/config/iam';
import { type ArnOf, OUTBOX_IAM } from '../../shared/config/outbox-grants';
import type { ModelLine } from '../../shared/config/schema';
import type { Action } from '../../shared/domain/actions';
import { exampleConfig } from '../helpers/config';
import { allowed, grants } from '../helpers/iam';

const config = exampleConfig();
const statements = iamStatements(config);
const TYPES = Object.keys(OUTBOX_IAM) as Action['type'][];
// The account and Region test/helpers/iam.ts reads the statements' Fn::Sub with; SageMaker names in lower case.
const arn: ArnOf = (service, resource) =>
  `arn:aws:${service}:eu-west-1:123456789012:${service === 'sagemaker' ? resource.toLowerCase() : resource}`;
const declares = (performs: Performs, type: Action['type']) => performs({ type } as Action);
// One export a function (a function left out is a type error here).
const LEFTOVER_GRANTS: Record<FunctionName, Performs | null> = GRANTS_BY_FUNCTION;

// The lines a function decides on, where it is not every line: a training job's event decides a job line (a tuning
// child's is its tuning job's to speak for), a tuning job's a tuning line (shared/runtime/lines.ts); a deploying
// function an endpoint's item, a line that deploys (and modelPackageStateChanged a line that builds for the edge).
const trainedBy = (type: ModelLine['training']['type']) => (line: ModelLine) => line.training.type === type;
const deploying = (line: ModelLine) => line.deployment !== undefined;
const DECIDES_ON: Partial<Record<FunctionName, (line: ModelLine) => boolean>> = {
  trainingStateChanged: trainedBy('job'),
  tuningStateChanged: trainedBy('tuning'),
  pipelineStateChanged: trainedBy('pipeline'),
  modelPackageStateChanged: (line) => deploying(line) || line.edgeTargets.length > 0,
  endpointStateChanged: deploying,
  abortAlarmRaised: deploying,
  watchDeployments: deploying,
};
const linesOf = (fn: FunctionName) => config.models.filter((line) => DECIDES_ON[fn]?.(line) ?? true);

/** What the role lacks to perform an action of this type for every line it decides on that asks for it. */
const lacks = (role: unknown[], type: Action['type'], lines: ModelLine[]): string[] =>
  OUTBOX_IAM[type].flatMap(({ actions, on }) =>
    actions.flatMap((action) =>
      on
        ? lines
            .flatMap((line) => on(line, arn))
            .filter((resource) => !allowed(role, action, resource))
            .map((resource) => `${type}: ${action} on ${resource}`)
        : grants(role, action)
          ? []
          : [`${type}: ${action}`],
    ),
  );

/** Whether the role may perform an action of this type for some line. */
const allows = (role: unknown[], type: Action['type']): boolean =>
  config.models.some((line) =>
    OUTBOX_IAM[type].every(({ actions, on }) => {
      const resources = on?.(line, arn);
      if (!resources) return actions.every((action) => grants(role, action));
      return resources.length > 0 && actions.every((a) => resources.every((r) => allowed(role, a, r)));
    }),
  );

// Every function that decides through an outbox declares its grants: none takes on every leftover.
const UNDECLARED: FunctionName[] = [];
const declaring = FUNCTIONS.flatMap((fn): [FunctionName, Performs][] => {
  const performs: Performs | null = LEFTOVER_GRANTS[fn];
  return performs && !UNDECLARED.includes(fn) ? [[fn, performs]] : [];
});

describe('the leftover outbox work each function declares', () => {
  it.each(declaring)('is work %s’s role may perform, on the resources of every line it decides on', (fn, performs) => {
    // Prepare
    const declared = TYPES.filter((type) => declares(performs, type));

    // Act
    const missing = declared.flatMap((type) => lacks(statements[fn], type, linesOf(fn)));

    // Assess
    expect(declared).toContain('record');
    expect(missing).toEqual([]);
  });

  it.each(declaring)('is all the outbox work %s’s role may perform', (fn, performs) => {
    // Act
    const undeclared = TYPES.filter((type) => !declares(performs, type) && allows(statements[fn], type));

    // Assess
    expect(undeclared).toEqual([]);
  });

  it('is declared by every function that decides through an outbox', () => {
    // Act
    const everyOne = FUNCTIONS.filter((fn) => LEFTOVER_GRANTS[fn] === everyLeftover);

    // Assess
    expect(everyOne).toEqual(UNDECLARED);
  });
});
