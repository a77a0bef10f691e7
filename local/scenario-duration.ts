// How a scenario writes a span of virtual time: `30s`, `5m`, `2h`, read as milliseconds. Its own module because
// both the scenario's schema (scenario.ts) and the SageMaker scripts in it (scenario-sagemaker.ts) write times so.
import { z } from 'zod';

export const duration = z
  .string()
  .regex(/^\d+(\.\d+)?(s|m|h)$/, 'must be a duration such as 30s, 5m or 2h')
  .transform((d) => Number(d.slice(0, -1)) * { s: 1000, m: 60_000, h: 3_600_000 }[d.slice(-1) as 's' | 'm' | 'h']);
