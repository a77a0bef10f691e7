// `shepherd status` and `shepherd timeline`: what Shepherd knows of the lines, read without changing anything.
import { type Command, Option } from 'commander';
import { COST_TIMELINE } from '../app/cost-output';
import { type Out, globals, open, positiveInt } from './command';
import { lineNamed } from './context';
import { UsageError } from './errors';
import { parseDuration, table } from './format';
import { lineStatus } from './status';

export function seeCommands(cli: Command, out: Out): void {
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
    .description(
      `the line's audit trail, oldest first: everything Shepherd saw and did (${COST_TIMELINE}: the sweeps')`,
    )
    .option('--since <duration>', 'how far back: 90s, 30m, 2h, 7d', '24h')
    .addOption(
      new Option('--limit <n>', 'at most this many entries (the newest)').default(50).argParser(positiveInt('--limit')),
    )
    .action(async (model: string, o: { since: string; limit: number }, cmd: Command) => {
      const since = parseDuration(o.since);
      if (since === undefined)
        throw new UsageError(`--since must be a duration such as 90s, 30m, 2h or 7d, not ${o.since}`);
      // The cost sweep keeps its own timeline (what it stopped, deleted, restored), beside the lines'.
      const ctx = await open(globals(cmd), ({ config }) => model === COST_TIMELINE || lineNamed(config, model));
      // A --since longer than the clock goes back (999999d: "everything") reads from its start, not an invalid date.
      const from = new Date(Math.max(0, ctx.clock().getTime() - since)).toISOString();
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
}
