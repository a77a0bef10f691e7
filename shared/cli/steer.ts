// `shepherd approve`, `reject`, `promote`, `abort` and `retrain`: a human's word, recorded with who said it and why,
// through the same operator as an approval link.
import { randomUUID } from 'node:crypto';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Operator, OperatorResult } from '../app/operator';
import type { HumanWord } from '../domain/registry/decision';
import type { DeployedLine } from '../domain/deployment/line';
import type { HumanChoice } from '../domain/deployment/human';
import { wordThatStands } from '../domain/deployment/word-stands';
import { emptyDeploymentState } from '../domain/deployment/state';
import { deploymentKey } from '../state/keys';
import { DEPLOYMENT_ITEM } from '../state/kinds/deployment';
import type { StateStore } from '../state/store';
import { type Out, globals, open, positiveInt } from './command';
import { lineNamed, lineOfEndpoint } from './context';
import { ActionError } from './errors';
import { callerIdentity } from './target';

const reasonOption = () =>
  new Option('--reason <text>', 'why (recorded with who you are)').makeOptionMandatory().argParser((value: string) => {
    if (!value.trim()) throw new InvalidArgumentError('say why: the reason is recorded with the action');
    return value.trim();
  });

/** An action's result: a line for people, an object for scripts; refused is exit code 1. */
function report(out: Out, result: OperatorResult, word: { who: string; why: string }): number {
  if (out.json) out.write(JSON.stringify({ ...result, ...word }, null, 2));
  else if (result.outcome === 'refused') out.fail(`refused: ${result.message}`);
  else out.write(result.outcome === 'already' ? `already done: ${result.message}` : result.message);
  return result.outcome === 'refused' ? 1 : 0;
}

export function steerCommands(cli: Command, out: Out, setExit: (code: number) => void): void {
  for (const [name, verdict] of [
    ['approve', 'Approved'],
    ['reject', 'Rejected'],
  ] as const) {
    cli
      .command(`${name} <model>`)
      .description(`${name} a registered model (default: the newest version) in the Model Registry`)
      .addOption(new Option('--version <n>', 'the package version').argParser(positiveInt('--version')))
      .addOption(reasonOption())
      .action(async (model: string, o: { version?: number; reason: string }, cmd: Command) => {
        const ctx = await open(globals(cmd), ({ config }) => lineNamed(config, model));
        const word = { who: await callerIdentity(ctx.target), why: o.reason, via: 'shepherd CLI' };
        const subject = o.version === undefined ? {} : { version: o.version };
        setExit(
          report(out, await ctx.operator.decidePackage(lineNamed(ctx.config, model), verdict, word, subject), word),
        );
      });
  }

  for (const choice of ['promote', 'abort'] as const) {
    cli
      .command(`${choice} <endpoint>`)
      .description(
        choice === 'promote'
          ? 'promote the canary on the endpoint now'
          : 'abort the deployment on the endpoint: candidate weight 0, then the baseline alone',
      )
      .addOption(reasonOption())
      .action(async (endpoint: string, o: { reason: string }, cmd: Command) => {
        const ctx = await open(globals(cmd), ({ config }) => lineOfEndpoint(config, endpoint));
        const word = { who: await callerIdentity(ctx.target), why: o.reason, via: 'shepherd CLI' };
        const line = lineOfEndpoint(ctx.config, endpoint);
        setExit(report(out, await deploymentWord(ctx, line, choice, word), word));
      });
  }

  cli
    .command('retrain <model>')
    .description("start a retraining now, through the line's guards (one in flight, cooldown, daily cap)")
    .addOption(reasonOption())
    .action(async (model: string, o: { reason: string }, cmd: Command) => {
      const ctx = await open(globals(cmd), ({ config }) => lineNamed(config, model));
      const word = { who: await callerIdentity(ctx.target), why: o.reason, via: 'shepherd CLI' };
      setExit(report(out, await ctx.operator.retrain(lineNamed(ctx.config, model), word, `cli-${randomUUID()}`), word));
    });
}

/**
 * A promote or abort. A request AWS refuses the caller after the word was written leaves it standing: the reconciler
 * makes the request with its own role (README, "Permissions"). AWS's error alone would read as "nothing happened",
 * and send someone to the console in the middle of a rollback: the CLI says what stands, still with exit code 1.
 */
export async function deploymentWord(
  deps: { operator: Pick<Operator, 'decideDeployment'>; store: StateStore },
  line: DeployedLine,
  choice: HumanChoice,
  word: HumanWord,
): Promise<OperatorResult> {
  try {
    return await deps.operator.decideDeployment(line, choice, word);
  } catch (err) {
    const endpoint = line.deployment.endpointName;
    const read = await deps.store.get(deploymentKey(endpoint), emptyDeploymentState(endpoint), DEPLOYMENT_ITEM);
    const refusal = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const stands = wordThatStands(read.state, choice, 'you', refusal);
    if (!stands) throw err;
    throw new ActionError(stands);
  }
}
