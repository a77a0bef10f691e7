// What every command stands on: where it writes, how it reaches the target, and how it reads a count.
import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/load';
import { buildContext, type Context } from './context';
import { connect, locate, type GlobalOptions } from './target';

export type Out = { json: boolean; write: (text: string) => void; fail: (text: string) => void };

/** Locates the target, reads its shepherd.yml and checks the names given before any call, then connects. */
export async function open(opts: GlobalOptions, check: (ctx: Pick<Context, 'config'>) => void = () => {}) {
  const place = locate(opts);
  const config = loadConfig(place.configFile);
  check({ config });
  return buildContext(await connect(place), config);
}

export const globals = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;

export const positiveInt = (what: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`${what} must be a positive whole number`);
  return Number(value);
};
