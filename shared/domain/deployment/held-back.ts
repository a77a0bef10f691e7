// An approval that may not start yet waits in the queue, said once per package, and the reconciler tries it again
// every minute: while an abort alarm is in ALARM, or while the endpoint serves several variants.
import { nothing, record } from '../decisions';
import { alert } from '../notify';
import { heaviestFirst, servingLine } from './serving';
import type { DeployedLine, EndpointSnapshot } from './line';
import type { DeploymentDecision } from './decision';
import type { ApprovedPackage, DeploymentState } from './state';

interface Wait {
  /** The state that remembers this wait, so that it is said once per package. */
  remembered: DeploymentState;
  said: boolean;
  /** The timeline entry's type and id prefix, the log message. */
  entry: string;
  id: string;
  log: string;
  text: string;
  data: Record<string, unknown>;
  title: string;
  headline: string;
  facts: Record<string, string>;
}

function holdBack(
  state: DeploymentState,
  line: DeployedLine,
  pkg: ApprovedPackage,
  wait: Wait,
  at: string,
): DeploymentDecision {
  const queued = state.queued?.arn === pkg.arn;
  if (queued && wait.said) return nothing(`queued approval still ${wait.log}`, { arn: pkg.arn, ...wait.data });
  const notification = alert(line.name, 'warning', wait.title, wait.headline, wait.facts);
  return {
    state: { ...wait.remembered, queued: pkg },
    actions: [
      record(line.name, at, `${wait.id}-${pkg.arn}`, wait.entry, wait.text, wait.data),
      { type: 'notify' as const, notification },
    ],
    metrics: queued ? [] : ['ApprovalsQueued' as const],
    log: { message: `deployment ${wait.log}`, data: { arn: pkg.arn, ...wait.data } },
  };
}

/**
 * An abort alarm already in ALARM says nothing about a candidate that does not serve yet, and starting would fail
 * it at once: the approval stays queued until none is.
 */
export function waitForAlarms(
  state: DeploymentState,
  line: DeployedLine,
  pkg: ApprovedPackage,
  alarms: string[],
  now: Date,
): DeploymentDecision {
  const at = now.toISOString();
  const endpoint = line.deployment.endpointName;
  return holdBack(
    state,
    line,
    pkg,
    {
      remembered: { ...state, waitingForAlarms: { arn: pkg.arn, alarms, since: at } },
      said: state.waitingForAlarms?.arn === pkg.arn,
      entry: 'DeploymentWaitsForAlarms',
      id: 'waiting',
      log: 'waits for abort alarms',
      text: `${pkg.arn} waits to start on ${endpoint}: abort alarm(s) in ALARM: ${alarms.join(', ')}`,
      data: { alarms },
      title: `deployment to ${endpoint} waits for abort alarms`,
      headline:
        `${pkg.arn} is approved but does not start while an abort alarm of ${endpoint} is in ALARM: ` +
        'it would fail at once. It starts once none is.',
      facts: { Alarms: alarms.join(', '), Endpoint: endpoint },
    },
    at,
  );
}

/**
 * Several variants serve (a failed deployment left its canary config, or a human made one): none of them is known to
 * be the production model, and the only config to go back to if the canary fails is the one that serves them all.
 * The approval stays queued until one variant serves alone.
 */
export function waitForOneVariant(
  state: DeploymentState,
  line: DeployedLine,
  pkg: ApprovedPackage,
  endpoint: EndpointSnapshot,
  now: Date,
): DeploymentDecision {
  const at = now.toISOString();
  const name = line.deployment.endpointName;
  const weights = endpoint.weights ?? {};
  const serving = servingLine(endpoint.configName ?? 'its config', heaviestFirst(weights), weights);
  return holdBack(
    state,
    line,
    pkg,
    {
      remembered: { ...state, waitingForOneVariant: { arn: pkg.arn, since: at } },
      said: state.waitingForOneVariant?.arn === pkg.arn,
      entry: 'DeploymentWaitsForOneVariant',
      id: 'waiting-one-variant',
      log: 'waits for one variant',
      text: `${pkg.arn} waits to start on ${name}: it serves ${serving}`,
      data: { weights },
      title: `deployment to ${name} waits for one variant`,
      headline:
        `${pkg.arn} is approved but does not start while ${name} serves several variants: a canary is judged ` +
        'against the one production variant and goes back to it if it fails, and none is known here. It starts ' +
        'within a minute of one variant serving alone.',
      facts: {
        Serving: serving,
        Next: `update ${name} to a config with the production variant alone (e.g. the config it served before)`,
      },
    },
    at,
  );
}
