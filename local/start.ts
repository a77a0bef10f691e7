// `npm start [-- --json] [--speed N] [--scenario file] [--config shepherd.yml] [--auto-approve] [--keep-running]
// [--crash-after Operation[#nth][@function]]`
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { writeLocalFile } from '../shared/cli/local-file';
import { ConfigError, loadConfig } from '../shared/config/load';
import { STACK_NAME } from './cloud/stack';
import { REGION } from './core';
import { type CrashPoint, parseCrashPoint } from './crash';
import { runScenario } from './run';
import { unknownNames } from './scenario-config';
import { loadScenario, ScenarioError } from './scenario-file';
import { CLOCK_PATH } from './server';
import { printSummary } from './summary';
import { ROOT } from './template';

/** A mistake on the command line: its message is the whole story. */
class UsageError extends Error {}

function readArgs() {
  try {
    return parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        speed: { type: 'string' },
        scenario: { type: 'string', default: join(ROOT, 'local', 'scenarios', 'default.yml') },
        config: { type: 'string' },
        'auto-approve': { type: 'boolean', default: false },
        'keep-running': { type: 'boolean', default: false },
        'crash-after': { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(
      `${(err as Error).message}\nusage: npm start [-- --json] [--speed N] [--scenario file] [--config file] ` +
        '[--auto-approve] [--keep-running] [--crash-after Operation[#nth][@function]]',
    );
  }
}

function crashPoint(text: string | undefined): CrashPoint | undefined {
  try {
    return text === undefined ? undefined : parseCrashPoint(text);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function main(): Promise<number> {
  const values = readArgs();
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed > 0))
    throw new UsageError(`--speed must be a positive number, not ${values.speed}`);
  const crash = crashPoint(values['crash-after']);
  const scenario = loadScenario(values.scenario!);
  const terminal =
    process.stdin.isTTY && !values.json ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  const ask = terminal
    ? async (q: string, signal?: AbortSignal) =>
        !/^n/i.test(await terminal.question(`\n${q} [Y/n] `, signal ? { signal } : {}))
    : undefined;
  // The local inbox: every SNS message of this run, one JSON line each, for a developer to open.
  const outboxFile = join(ROOT, '.shepherd', 'outbox.jsonl');
  mkdirSync(dirname(outboxFile), { recursive: true });
  writeFileSync(outboxFile, '');
  // The model lines to play: --config, else the scenario's own `config:`, else SHEPHERD_CONFIG, else shepherd.yml.
  const configFile = values.config
    ? resolve(values.config)
    : scenario.config || process.env.SHEPHERD_CONFIG || undefined;
  const playedConfig = configFile ?? join(ROOT, 'shepherd.yml');
  const unknown = unknownNames(scenario, loadConfig(playedConfig));
  if (unknown.length) throw new ScenarioError(`${values.scenario} (played against ${playedConfig})`, unknown);
  const result = await runScenario(scenario, {
    autoApprove: values['auto-approve'],
    print: !values.json,
    ...(speed ? { speed } : {}),
    ...(ask ? { ask } : {}),
    ...(configFile ? { configFile } : {}),
    outboxFile,
    ...(crash ? { crash } : {}),
  });
  terminal?.close();
  if (values.json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  else printSummary(result.summary, result.checks, (line) => process.stdout.write(`${line}\n`));
  if (values['keep-running']) {
    // The world goes on: the reconciler's schedules run again, so an approval or an abort from the CLI plays out.
    result.cloud.eventbridge.startSchedules();
    const file = writeLocalFile(process.cwd(), {
      stage: 'local',
      region: REGION,
      stackName: STACK_NAME,
      endpoint: result.cloud.url,
      dynamodbEndpoint: result.cloud.dynamoUrl,
      clockUrl: `${result.cloud.url}${CLOCK_PATH}`,
      config: result.cloud.configFile,
      approvalBaseUrl: result.cloud.approvalUrl,
      pid: process.pid,
    });
    process.stdout.write(`\nThe local cloud keeps running (Ctrl-C to stop), described in ${file}. In another shell:\n`);
    process.stdout.write('  npx shepherd --local status\n');
    process.stdout.write(`  approval pages: ${result.cloud.approvalUrl} (each approver's links: ${outboxFile})\n`);
    process.stdout.write(
      `  export AWS_ENDPOINT_URL=${result.cloud.url} AWS_ENDPOINT_URL_DYNAMODB=${result.cloud.dynamoUrl} ` +
        'AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local\n',
    );
    process.stdout.write(
      '  npx serverless invoke local --stage local -f driftAlarm ' +
        '--path events/cloudwatch-alarm-state-change.drift-alarm.json\n',
    );
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    rmSync(file, { force: true });
  }
  result.cloud.clock.stopAll();
  await result.cloud.stop();
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Config, scenario and command-line mistakes are the user's to fix: their message, not a stack trace.
    const expected = err instanceof ConfigError || err instanceof ScenarioError || err instanceof UsageError;
    process.stderr.write(
      `${expected ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(2);
  },
);
