// Builders for the serverless strategy's tests: the churn line served serverless (the e2e fixture's config), the
// endpoint serving v1 serverless, and per-minute metrics as CloudWatch reports them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../shared/config/load';
import { isDeployedLine, type DeployedLine } from '../../shared/domain/deployment/line';
import type { MinuteMetrics, VariantMinutes } from '../../shared/domain/deployment/window';

export const SERVERLESS_CONFIG = join(__dirname, '..', 'e2e', 'fixtures', 'serverless-shepherd.yml');
export const SERVERLESS = { memorySizeInMB: 2048, maxConcurrency: 5 };

export const serverlessChurnLine = (): DeployedLine => {
  const churn = parseConfig(readFileSync(SERVERLESS_CONFIG, 'utf8')).models.find((m) => m.name === 'churn');
  if (!churn || !isDeployedLine(churn)) throw new Error('the serverless fixture gives the churn line no deployment');
  return churn;
};

/** The endpoint in service on v1's own config, v1 served serverless. */
export const servingServerlessV1 = {
  exists: true,
  status: 'InService',
  configName: 'churn-prod-aaaaaa-final',
  serving: { variant: 'v1', model: 'churn-v1-111111', instanceCount: 0, serverless: SERVERLESS },
};

/** `count` minutes of one variant from `first` on, each with the same metrics. */
export function minutesOf(variant: string, first: Date, count: number, each: MinuteMetrics): VariantMinutes {
  const minutes = Array.from({ length: count }, (_, i): [number, MinuteMetrics] => [
    first.getTime() + i * 60_000,
    { ...each, latencyUs: (each.latencyUs ?? 40_000) + (i % 3) * 100 },
  ]);
  return { variant, minutes: new Map(minutes) };
}
