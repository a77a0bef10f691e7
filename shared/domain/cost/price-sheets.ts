// The embedded on-demand prices, as read from public sources: one sheet per source and region, each with the day its
// figures were read (or billed) and where. docs/cost-prices.md lists them with links. Only figures a source states
// are here: nothing is derived from another region or size, so what no source gives stays unknown.

/** USD per instance-hour by instance type. */
export type Hourly = Record<string, number>;

export interface PriceSheet {
  region: string;
  /** The day the figures were read, or the last day of the bill they come from. */
  asOf: string;
  /** Where they come from: public, so anyone can check them. */
  source: string;
  hosting?: Hourly;
  notebook?: Hourly;
  /** Studio apps on an instance (JupyterLab, Code Editor, Studio Classic kernels), billed as "Studio-Notebook". */
  studio?: Hourly;
  training?: Hourly;
}

export const PRICE_SHEETS: PriceSheet[] = [
  {
    region: 'us-east-1',
    asOf: '2026-11-01',
    source:
      'AWS Price List API (AmazonSageMaker, USE1-Host:ml.<type>); Inference Recommender sample output, ' +
      'https://docs.aws.amazon.com/sagemaker/latest/dg/inference-recommender-instance-recommendation.html',
    hosting: {
      'ml.m5.large': 0.115,
      'ml.m5.xlarge': 0.23,
      'ml.c5.xlarge': 0.204,
      'ml.g4dn.xlarge': 0.7364,
      'ml.g5.xlarge': 1.408,
      'ml.p3.2xlarge': 3.825,
    },
  },
  {
    region: 'us-east-2',
    asOf: '2026-09-25',
    source:
      'AWS Price List API output (GetProducts, regionCode us-east-2, OnDemand hosting) published in ' +
      'https://github.com/xbill9/sagemaker-gemma/blob/main/docs/articles/evidence/pricing-us-east-2.txt',
    hosting: { 'ml.g6.xlarge': 1.1267, 'ml.g6.2xlarge': 1.222, 'ml.g6.4xlarge': 1.654 },
  },
  {
    region: 'eu-west-1',
    asOf: '2023-12-31',
    source:
      'the rates of an AWS bill for December 2023, EU (Ireland), published by AWS in ' +
      'https://github.com/aws-samples/sagemaker-ssh-helper/blob/main/Sample_Costs.md',
    hosting: {
      'ml.m5.xlarge': 0.257,
      'ml.g4dn.xlarge': 0.821,
      'ml.g4dn.4xlarge': 1.678,
      'ml.g4dn.12xlarge': 5.453,
      'ml.g5.12xlarge': 7.91,
    },
    notebook: { 'ml.t3.medium': 0.055 },
    studio: { 'ml.t3.medium': 0.055, 'ml.m5.large': 0.128, 'ml.g4dn.xlarge': 0.8218 },
    training: { 'ml.m5.xlarge': 0.257, 'ml.g4dn.xlarge': 0.822, 'ml.g5.xlarge': 1.57, 'ml.p3.2xlarge': 4.131 },
  },
];
