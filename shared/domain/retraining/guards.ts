import type { ModelLine } from '../../config/schema';
import type { TrainingState } from './state';

export type Refusal = { reason: 'in_flight' | 'cooldown' | 'daily_cap'; until?: string; message: string };

const MINUTE = 60_000;
const startOfNextUtcDay = (now: Date) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();

/** Whether a new run may start now: one in flight at most, the cooldown after a start, the daily cap (UTC days). */
export function checkGuards(state: TrainingState, line: ModelLine, now: Date): Refusal | undefined {
  if (state.inFlight) return { reason: 'in_flight', message: `training ${state.inFlight.jobName} is in flight` };
  const last = state.starts.at(-1);
  if (last) {
    const until = new Date(Date.parse(last) + line.guards.cooldownMinutes * MINUTE);
    if (until > now)
      return {
        reason: 'cooldown',
        until: until.toISOString(),
        message: `cooldown of ${line.guards.cooldownMinutes} min after the start at ${last}`,
      };
  }
  const today = now.toISOString().slice(0, 10);
  const startsToday = state.starts.filter((s) => s.startsWith(today)).length;
  if (startsToday >= line.guards.maxTrainingsPerDay) {
    return {
      reason: 'daily_cap',
      until: startOfNextUtcDay(now),
      message: `daily cap of ${line.guards.maxTrainingsPerDay} training(s) reached`,
    };
  }
  return undefined;
}

/** Keeps what the guards can still need: starts of the last two days. */
export const pruneStarts = (starts: string[], now: Date): string[] =>
  starts.filter((s) => now.getTime() - Date.parse(s) < 2 * 24 * 60 * MINUTE);
