// What CloudWatch answers the judge's GetMetricData for the churn canary of test/helpers/canary.ts, baking since
// 03:13:45: healthy or failing candidate traffic, with the abort alarm OK.
import { DescribeAlarmsCommand, GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { cloudwatch } from './hosting';

/** Per-minute values over `minutes` minutes adding up to `total`. */
const perMinute = (total: number, minutes: number) => Array.from({ length: minutes }, () => total / minutes);
const latencies = (minutes: number) => Array.from({ length: minutes }, (_, i) => 40_000 + (i % 3) * 100);
const FIRST_MINUTE = Date.parse('2026-11-27T03:14:00Z');

/**
 * GetMetricData's answer, by the query ids the adapter uses (0 the baseline v1, 1 the candidate v2): the minutes
 * from 03:14 on, 15 of them unless said; `candidateMinutes` fewer for a candidate whose last minutes are late.
 */
export function metrics(
  candidate: { requests: number; errors: number },
  minutes = 15,
  candidateMinutes = minutes,
): void {
  const series = (id: string, values: number[]) => ({
    Id: id,
    Values: values,
    StatusCode: 'Complete' as const,
    Timestamps: values.map((_, i) => new Date(FIRST_MINUTE + i * 60_000)),
  });
  const baselineShare = minutes / 15;
  const results: MetricDataResult[] = [
    series('inv0', perMinute(13_500 * baselineShare, minutes)),
    series('err0', perMinute(135 * baselineShare, minutes)),
    series('lat0', latencies(minutes)),
    series('inv1', perMinute((candidate.requests * candidateMinutes) / minutes, candidateMinutes)),
    series('err1', perMinute((candidate.errors * candidateMinutes) / minutes, candidateMinutes)),
    series('lat1', latencies(candidateMinutes)),
  ];
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: results });
  cloudwatch
    .on(DescribeAlarmsCommand)
    .resolves({ MetricAlarms: [{ AlarmName: 'churn-prod-latency-p99', StateValue: 'OK' }] });
}

export const healthy = { requests: 1_500, errors: 15 };
export const failing = { requests: 1_500, errors: 90 };
