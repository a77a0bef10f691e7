// The bench's sections other than the canary's: each measures, then states its figures against their goals and the
// part of bench/results.json it fills.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packagedTemplate } from '../../local/packaging';
import { ROOT } from '../../local/template';
import { bundleFigures, functionTable } from './bundles';
import { sweepFigures } from './cost';
import { figure, median, type Section } from './figures';
import { stormFigures } from './storm';

/** The JavaScript of each packaged function (issue 8): at most 450 KB, and at most 0.4× the naive bundle's. */
const BUNDLE_BUDGET_KB = 450;
const NAIVE_SIZE_RATIO = 0.4;
/** Loading a packaged function, above an empty `node`: at most 0.4× loading its naive bundle, for every function. */
const NAIVE_LOAD_RATIO = 0.4;
/** The default scenario of `npm start` plays out in at most 90 s here. */
const SCENARIO_BUDGET_S = 90;
/** A cost sweep of 5,000 endpoints (issue 10) fits one run of its function (timeout 600 s) with room to spare, */
const SWEEP_BUDGET_S = 300;
/** and makes at most 1/100 of the GetMetricData calls of querying each endpoint on its own. */
const SWEEP_CALL_RATIO = 0.01;
/** Issue 12's storm: one training, counts exact, no dead letters, at most 2 DynamoDB writes per event. */
const STORM_WRITES_PER_EVENT = 2;

/** `withSourceMaps`: also what source maps cost one function (left out of a quick run). */
export async function bundlesSection(loads: number, withSourceMaps: boolean) {
  const { functions, sourceMaps } = await bundleFigures(loads, withSourceMaps);
  const largest = functions.reduce((a, b) => (b.kb > a.kb ? b : a));
  const loadRatio = (f: (typeof functions)[number]) => f.loadMs / f.naiveLoadMs;
  const slowest = functions.reduce((a, b) => (loadRatio(b) > loadRatio(a) ? b : a));
  const bundles: Section<unknown> = {
    figures: [
      ...functions.map((f) =>
        figure('bundles', `${f.fn}: JS / naive`, f.kb / f.naiveKb, '×', ['<=', NAIVE_SIZE_RATIO]),
      ),
      figure('bundles', `largest JS (${largest.fn})`, largest.kb, 'KB', ['<=', BUNDLE_BUDGET_KB]),
      figure('bundles', 'functions over 450 KB', functions.filter((f) => f.kb > BUNDLE_BUDGET_KB).length, '', ['=', 0]),
    ],
    json: functions.map((f) => ({
      function: f.fn,
      bytes: Math.round(f.kb * 1024),
      naiveBytes: Math.round(f.naiveKb * 1024),
    })),
    notes: [functionTable(functions, loads), ...(sourceMaps.length ? ['', 'source maps', ...sourceMaps] : []), ''],
  };
  const ratios = functions.map(loadRatio);
  const coldLoad: Section<unknown> = {
    figures: [
      figure('cold load', `load / naive, slowest (${slowest.fn})`, loadRatio(slowest), '×', ['<=', NAIVE_LOAD_RATIO]),
      figure('cold load', 'load / naive, median function', median(ratios), '×', ['<=', NAIVE_LOAD_RATIO]),
    ],
    json: {
      ratio: loadRatio(slowest),
      function: slowest.fn,
      medianRatio: median(ratios),
      loadsPerFunction: loads,
      functions: functions.map((f) => ({ function: f.fn, loadMs: f.loadMs, naiveLoadMs: f.naiveLoadMs })),
    },
  };
  return { bundles, coldLoad };
}

/** One `npm start --json`, timed; stdout's tail and stderr in the error when it fails. */
function playScenario(i: number): Promise<number> {
  const start = performance.now();
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(ROOT, 'local', 'start.ts'), '--json'], { cwd: ROOT, env });
  let [out, err] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-2000)));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve((performance.now() - start) / 1000);
      else reject(new Error(`npm start failed (exit ${code}) on run ${i + 1}:\n${err}${out}`));
    });
  });
}

export async function scenarioSection(runs: number): Promise<Section<unknown>> {
  // Packaged once up front, exactly as the local cloud asks for it, so no timed run pays for packaging.
  await packagedTemplate(join(ROOT, '.local-cloud', 'package'), join(ROOT, 'shepherd.yml'));
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) seconds.push(await playScenario(i));
  const what = `npm start, wall time (median of ${runs})`;
  return {
    figures: [figure('scenario', what, median(seconds), 's', ['<=', SCENARIO_BUDGET_S])],
    json: { seconds: median(seconds), runs: seconds },
  };
}

export async function sweepSection(endpoints: number): Promise<Section<unknown>> {
  const f = await sweepFigures(endpoints);
  const section = `cost sweep, ${f.endpoints} endpoints`;
  return {
    figures: [
      figure(section, 'wall time', f.seconds, 's', ['<=', (SWEEP_BUDGET_S * f.endpoints) / 5000]),
      figure(section, 'GetMetricData / per-resource calls', f.metricCalls / f.perResourceCalls, '×', [
        '<=',
        SWEEP_CALL_RATIO,
      ]),
      figure(section, 'endpoints it failed to survey', f.failures, '', ['=', 0]),
    ],
    json: {
      endpoints: f.endpoints,
      variants: f.variants,
      seconds: f.seconds,
      cloudwatchCalls: f.metricCalls,
      perResourceCalls: f.perResourceCalls,
      sagemakerCalls: f.sagemakerCalls,
      findings: f.findings,
      failures: f.failures,
    },
    notes: [
      `cost sweep: ${f.endpoints} endpoints (${f.variants} variants), ${f.findings} findings, ` +
        `${f.failures} failures; ` +
        `${f.metricCalls} GetMetricData calls against ${f.perResourceCalls} per endpoint; ` +
        `${f.sagemakerCalls} SageMaker calls`,
    ],
  };
}

export async function stormSection(events: number, concurrency: number, quick: boolean): Promise<Section<unknown>> {
  const f = await stormFigures({ events, concurrency, quick });
  const section = `storm, ${f.events} events`;
  return {
    figures: [
      figure(section, 'trainings started', f.trainings, '', ['=', 1]),
      figure(section, 'object and byte counts exact', f.exact ? 1 : 0, 'yes', ['=', 1]),
      figure(section, 'DynamoDB writes per event', f.writesPerEvent, '', ['<=', STORM_WRITES_PER_EVENT]),
      figure(section, 'dead letters', f.deadLetters, '', ['=', 0]),
      // No target in the issue: at least one event a second for each concurrent delivery.
      figure(section, `events per second (${concurrency} at a time)`, f.eventsPerSecond, '/s', ['>=', concurrency]),
    ],
    json: { ...f, concurrency },
  };
}
