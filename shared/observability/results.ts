// What a handler answers, built in one place: the local cloud, `serverless invoke` and the tests read it.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { isGone, type Gone } from '../domain/gone';
import { logger, metrics } from './logger';

/** The event was handled: for which model line, and what came of it. */
export interface Done {
  status: 'done';
  model: string;
  outcome: string;
}

/** The event is about something Shepherd does not manage (or needs no action): a log line and a metric, no retry. */
export interface Ignored {
  status: 'ignored';
  reason: string;
}

/** A decision's own summary (`retraining started`, `approval queued`…), or an outcome the handler names. */
type Outcome = string | { log: { message: string }; metrics?: readonly string[]; state?: unknown; actions?: unknown[] };

/** A decision that changed nothing and did nothing but count the event as ignored (the decider counted it). */
const ignoredBy = (outcome: Exclude<Outcome, string>): boolean =>
  outcome.state === undefined && !outcome.actions?.length && outcome.metrics?.includes('EventsIgnored') === true;

/** Handled for a model line; a decision that ignored the event (a job Shepherd is not running) answers as ignored. */
export function done(model: string, outcome: Outcome): Done | Ignored {
  if (typeof outcome === 'string') return { status: 'done', model, outcome };
  if (ignoredBy(outcome)) return { status: 'ignored', reason: outcome.log.message };
  return { status: 'done', model, outcome: outcome.log.message };
}

/** Handled for several model lines at once (an abort alarm, a reconciler pass): what came of each, or in sum. */
export const doneWith = <T extends object>(summary: T): { status: 'done' } & T => ({ status: 'done', ...summary });

export function ignored(reason: string, data: Record<string, unknown>): Ignored {
  logger.info(reason, data);
  metrics.addMetric('EventsIgnored', MetricUnit.Count, 1);
  return { status: 'ignored', reason };
}

/**
 * The resource the event names was deleted before it was handled: ignored, counted in `ResourceGone` (apart from
 * `EventsIgnored`, which counts what Shepherd does not manage), never thrown: no retry, no dead letter.
 */
export function gone(reason: string, data: Record<string, unknown>): Ignored {
  logger.warn(reason, data);
  metrics.addMetric('ResourceGone', MetricUnit.Count, 1);
  return { status: 'ignored', reason };
}

/** A service's outcome for a model line, or the resource gone. */
export const doneOrGone = (model: string, outcome: Outcome | Gone): Done | Ignored =>
  isGone(outcome) ? gone(outcome.gone, { model }) : done(model, outcome);
