// `tsx test/helpers/crash-record.ts <scenario.yml> [crash point as JSON]`: plays the scenario, with a crash when
// given one, and prints what it did and how it ended as JSON (test/helpers/crash.ts). A process of its own per run:
// the functions' modules, and the SDK clients they keep, load once per process, bound to that process's cloud.
import { playCrash } from './crash';

const [file, point] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx test/helpers/crash-record.ts <scenario.yml> [crash point as JSON]');
playCrash(file, point ? JSON.parse(point) : undefined).then(
  // On a line of its own, last: anything else the run printed stays above it; exits once a pipe took it all.
  (played) => process.stdout.write(`\n${JSON.stringify(played)}\n`, () => process.exit(0)),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
