// The sizes SageMaker real-time inference offers in each instance family, smallest first: the valid values of
// ProductionVariant.InstanceType in the SageMaker API (API Reference, "ProductionVariant";
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html), as the AWS SDK for
// JavaScript v3 (@aws-sdk/client-sagemaker 3.1141.0, enum ProductionVariantInstanceType) lists them. Families skip
// sizes (ml.c5 has 9xlarge and no 8xlarge, ml.g4dn starts at xlarge, ml.p3 at 2xlarge), so "one size down" is looked
// up here, never computed. test/unit/cost-prices.test.ts checks this table against the SDK's list.

const SIZES: Record<string, string> = {
  c4: 'large xlarge 2xlarge 4xlarge 8xlarge',
  c5: 'large xlarge 2xlarge 4xlarge 9xlarge 18xlarge',
  c5d: 'large xlarge 2xlarge 4xlarge 9xlarge 18xlarge',
  c6g: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  c6gd: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  c6gn: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  c6i: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge',
  c6in: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge',
  c7g: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  c7i: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  c8g: 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  dl1: '24xlarge',
  g4dn: 'xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  g5: 'xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  g6: 'xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  g6e: 'xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  g7: '2xlarge 4xlarge 8xlarge 12xlarge 24xlarge 48xlarge',
  g7e: '2xlarge 4xlarge 8xlarge 12xlarge 24xlarge 48xlarge',
  inf1: 'xlarge 2xlarge 6xlarge 24xlarge',
  inf2: 'xlarge 8xlarge 24xlarge 48xlarge',
  m4: 'xlarge 2xlarge 4xlarge 10xlarge 16xlarge',
  m5: 'large xlarge 2xlarge 4xlarge 12xlarge 24xlarge',
  m5d: 'large xlarge 2xlarge 4xlarge 12xlarge 24xlarge',
  m6g: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  m6gd: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  m6i: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge',
  m7i: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  m8g: 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  p2: 'xlarge 8xlarge 16xlarge',
  p3: '2xlarge 8xlarge 16xlarge',
  p4d: '24xlarge',
  p4de: '24xlarge',
  p5: '4xlarge 48xlarge',
  p5e: '48xlarge',
  p5en: '48xlarge',
  'p6-b200': '48xlarge',
  'p6-b300': '48xlarge',
  'p6e-gb200': '36xlarge',
  r5: 'large xlarge 2xlarge 4xlarge 12xlarge 24xlarge',
  r5d: 'large xlarge 2xlarge 4xlarge 12xlarge 24xlarge',
  r6g: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  r6gd: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  r6i: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge',
  r7gd: 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge',
  r7i: 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  r8g: 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge',
  t2: 'medium large xlarge 2xlarge',
  trn1: '2xlarge 32xlarge',
  trn1n: '32xlarge',
  trn2: '48xlarge',
};

/** The sizes of a family, smallest first; empty for a family SageMaker hosting does not offer. */
export const sizesOf = (family: string): string[] => SIZES[family]?.split(' ') ?? [];

export const hostingFamilies = (): string[] => Object.keys(SIZES);
