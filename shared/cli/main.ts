// `shepherd`: see and steer Shepherd from a terminal. Exit codes: 0 done, 1 the action failed or was refused,
// 2 the command line was wrong.
import { randomUUID } from 'node:crypto';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config/load';
import type { OperatorResult } from '../app/operator';
import { buildContext, lineNamed, lineOfEndpoint, type Context } from './context';
import { explain, UsageError } from './errors';
import { parseDuration, table } from './format';
import { lineStatus } from './status';
import { costSweepOf, sweepTable } from './sweep';
import { callerIdentity, connect, locate, type GlobalOptions } from './target';

type Out = { json: boolean; write: (text: string) => void; fail: (text: string) => void };

/** Locates the target, reads its shepherd.yml and checks the names given before any call, then connects. */
async function open(opts: GlobalOptions, check: (ctx: Pick<Context, 'config'>) => void = () => {}) {
  const place = locate(opts);
  const config = loadConfig(place.configFile);
  check({ config });
  return buildContext(await connect(place), config);
}

const positiveInt = (what: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`${what} must be a positive whole number`);
  return Number(value);
};

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

export function program(out: Out, setExit: (code: number) => void): Command {
  const cli = new Command('shepherd')
    .description('See and steer Shepherd: model lines, approvals, deployments, retrainings')
    .option('--local', 'the local cloud of `npm start -- --keep-running` (reads .shepherd/local.json)')
    .option('--stage <stage>', 'the stage Shepherd was deployed with (stack shepherd-<stage>)', 'dev')
    .option('--region <region>', 'AWS region (default: the standard chain: AWS_REGION, profile)')
    .option('--config <file>', 'shepherd.yml (default: SHEPHERD_CONFIG, else ./shepherd.yml; --local: its own)')
    .option('--json', 'print JSON for scripts instead of tables')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s.trimEnd()), writeErr: (s) => out.fail(s.trimEnd()) });
  const globals = (cmd: Command) => cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;

  cli
    .command('status [model]')
    .description('per model line: training in flight, latest package, deployment, edge builds')
    .action(async (model: string | undefined, _o, cmd: Command) => {
      const ctx = await open(globals(cmd), ({ config }) => model && lineNamed(config, model));
      const lines = model ? [lineNamed(ctx.config, model)] : ctx.config.models;
      const rows = await Promise.all(lines.map((line) => lineStatus(ctx, line)));
      if (out.json) return out.write(JSON.stringify(rows, null, 2));
      out.write(
        table(rows, [
          { key: 'model', title: 'model' },
          { key: 'training', title: 'training' },
          { key: 'package', title: 'latest package' },
          { key: 'endpoint', title: 'endpoint' },
          { key: 'deployment', title: 'deployment' },
          { key: 'edge', title: 'edge builds' },
        ]),
      );
    });

  cli
    .command('timeline <model>')
    .description("the line's audit trail: everything Shepherd saw and did, oldest first")
    .option('--since <duration>', 'how far back: 90s, 30m, 2h, 7d', '24h')
    .addOption(
      new Option('--limit <n>', 'at most this many entries (the newest)').default(50).argParser(positiveInt('--limit')),
    )
    .action(async (model: string, o: { since: string; limit: number }, cmd: Command) => {
      const since = parseDuration(o.since);
      if (since === undefined)
        throw new UsageError(`--since must be a duration such as 90s, 30m, 2h or 7d, not ${o.since}`);
      const ctx = await open(globals(cmd), ({ config }) => lineNamed(config, model));
      const from = new Date(ctx.clock().getTime() - since).toISOString();
      const entries = (await ctx.timeline.read(model, from, o.limit)).reverse();
      if (out.json) return out.write(JSON.stringify(entries, null, 2));
      if (entries.length === 0) return out.write(`no timeline entries for ${model} since ${from}`);
      out.write(
        table(entries, [
          { key: 'at', title: 'at' },
          { key: 'type', title: 'type' },
          { key: 'message', title: 'message' },
        ]),
      );
    });

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
        setExit(report(out, await ctx.operator.decideDeployment(line, choice, word), word));
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

  cli
    .command('sweep')
    .description('run a cost sweep now and print it (a dry run unless --enforce)')
    .option('--enforce', "act where shepherd.yml's costSweep.enforcement and each resource's opt-in tag allow")
    .action(async (o: { enforce?: boolean }, cmd: Command) => {
      const ctx = await open(globals(cmd));
      const result = await costSweepOf(ctx).runSweep({ enforce: o.enforce === true });
      out.write(out.json ? JSON.stringify(result, null, 2) : sweepTable(result));
      setExit(result.failures.length ? 1 : 0);
    });

  cli
    .command('restore <endpoint>')
    .description('recreate an endpoint a cost sweep deleted, from the snapshot it took first')
    .action(async (endpoint: string, _o, cmd: Command) => {
      const ctx = await open(globals(cmd));
      const restored = await costSweepOf(ctx).restoreEndpoint(endpoint);
      out.write(
        out.json
          ? JSON.stringify(restored, null, 2)
          : `endpoint ${restored.endpointName} is being created from ${restored.endpointConfigName}`,
      );
    });

  return cli;
}

export async function run(argv: string[], out: Out): Promise<number> {
  let code = 0;
  const cli = program(out, (c) => (code = c));
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander said it already (usage, unknown option); help and --help end well.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' ? 0 : 2;
    }
    const said = err instanceof ConfigError ? { message: err.message, exitCode: 2 } : explain(err);
    if (out.json) out.write(JSON.stringify({ outcome: 'failed', message: said.message }, null, 2));
    out.fail(`shepherd: ${said.message}`);
    return said.exitCode;
  }
}

/** The process: its arguments, stdout and stderr, and its exit code (the SDK's idle sockets do not hold it up). */
export function main(argv = process.argv.slice(2)): void {
  const out: Out = {
    json: argv.includes('--json'),
    write: (text) => process.stdout.write(`${text}\n`),
    fail: (text) => process.stderr.write(`${text}\n`),
  };
  void run(argv, out).then((code) => process.exit(code));
}

if (require.main === module) main();
