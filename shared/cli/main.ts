// `shepherd`: see and steer Shepherd from a terminal. Exit codes: 0 done, 1 the action failed or was refused,
// 2 the command line was wrong.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load';
import type { Out } from './command';
import { costCommands } from './cost';
import { explain } from './errors';
import { seeCommands } from './see';
import { steerCommands } from './steer';

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

  seeCommands(cli, out);
  steerCommands(cli, out, setExit);
  costCommands(cli, out, setExit);
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
      // Help and --help end well. A usage mistake Commander said already on stderr; a script reading --json's
      // stdout is told too, as of any other failure, rather than left with nothing to parse.
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed') return 0;
      if (out.json) failed(out, err.message.replace(/^error: /, ''));
      return 2;
    }
    const said = err instanceof ConfigError ? { message: err.message, exitCode: 2 } : explain(err);
    if (out.json) failed(out, said.message);
    out.fail(`shepherd: ${said.message}`);
    return said.exitCode;
  }
}

const failed = (out: Out, message: string) => out.write(JSON.stringify({ outcome: 'failed', message }, null, 2));

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
