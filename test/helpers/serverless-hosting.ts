// Handler tests of a serverless line: the churn line served serverless (set before any handler loads its config),
// the endpoint as it serves one serverless variant, and CloudWatch's per-minute answers by variant and span.
import {
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand } from '@aws-sdk/client-sagemaker';
import { sagemaker } from './aws';
import { cloudwatch } from './hosting';
import { SERVERLESS_CONFIG } from './serverless';

// Imported before the handlers: they read the config once, when they load.
process.env.SHEPHERD_CONFIG = SERVERLESS_CONFIG;

const SERVERLESS_CONFIG_SDK = { MemorySizeInMB: 2048, MaxConcurrency: 5 };

/**
 * What DescribeEndpoint and DescribeEndpointConfig say: in service on `config`, `variant` alone, serverless; since
 * `lastModified` when given.
 */
export function serverlessEndpointServes(config: string, variant: string, model: string, lastModified?: Date): void {
  sagemaker.on(DescribeEndpointCommand).resolves({
    EndpointName: 'churn-prod',
    EndpointConfigName: config,
    EndpointStatus: 'InService',
    ...(lastModified ? { LastModifiedTime: lastModified } : {}),
    ProductionVariants: [
      {
        VariantName: variant,
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentServerlessConfig: SERVERLESS_CONFIG_SDK,
        DesiredServerlessConfig: SERVERLESS_CONFIG_SDK,
      },
    ],
  });
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: config }).resolves({
    EndpointConfigName: config,
    ProductionVariants: [
      { VariantName: variant, ModelName: model, InitialVariantWeight: 1, ServerlessConfig: SERVERLESS_CONFIG_SDK },
    ],
  });
}

export interface PerMinute {
  requests: number;
  errors: number;
}

/**
 * GetMetricData answers every minute of the queried span for the one variant its queries name, by the adapter's
 * query ids (`inv0`, `err0`, `lat0`): each variant served `traffic[variant]` a minute.
 */
export function variantsServed(traffic: Record<string, PerMinute>): void {
  cloudwatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    const dims = input.MetricDataQueries![0]!.MetricStat!.Metric!.Dimensions!;
    const variant = dims.find((d) => d.Name === 'VariantName')!.Value!;
    const start = new Date(input.StartTime!).getTime();
    const end = new Date(input.EndTime!).getTime();
    const minutes = Array.from({ length: Math.max(0, (end - start) / 60_000) }, (_, i) => new Date(start + i * 60_000));
    const each = traffic[variant]!;
    const series = (id: string, value: (i: number) => number): MetricDataResult => ({
      Id: id,
      StatusCode: 'Complete',
      Timestamps: minutes,
      Values: minutes.map((_, i) => value(i)),
    });
    return {
      MetricDataResults: [
        series('inv0', () => each.requests),
        series('err0', () => each.errors),
        series('lat0', (i) => 40_000 + (i % 3) * 100),
      ],
    };
  });
}
