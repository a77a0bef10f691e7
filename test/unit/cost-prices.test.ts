import { ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';
import { reportText } from '../../shared/domain/cost/report';
import { hostingFamilies, sizesOf } from '../../shared/domain/cost/instance-sizes';
import { PRICE_SHEETS } from '../../shared/domain/cost/price-sheets';
import { monthlyCost, oneSizeDown, pricesFor, pricesNote, withOverrides } from '../../shared/domain/cost/prices';

const NOW = new Date('2026-11-30T12:00:00Z');

describe('prices', () => {
  it('price a month of instances from the dated table, and know nothing of a type or region they lack', () => {
    // Prepare
    const virginia = pricesFor('us-east-1');

    // Act & Assess
    expect(monthlyCost(virginia, 'us-east-1', 'ml.m5.xlarge', 2)).toBe(335.8);
    expect(monthlyCost(virginia, 'us-east-1', 'ml.inf1.xlarge', 1)).toBeUndefined();
    expect(monthlyCost(virginia, 'us-east-1', 'ml.m5.xlarge', 1, 'notebook')).toBeUndefined();
    expect(monthlyCost(virginia, 'eu-west-1', 'ml.m5.xlarge', 1)).toBeUndefined();
  });

  it('price Ireland from its own sheet, each use apart, and date the table by that sheet', () => {
    // Act
    const ireland = pricesFor('eu-west-1');

    // Assess
    expect(ireland.asOf).toBe('2023-12-31');
    expect(ireland.unpricedRegion).toBeUndefined();
    expect(monthlyCost(ireland, 'eu-west-1', 'ml.m5.xlarge', 1)).toBe(187.61);
    expect(monthlyCost(ireland, 'eu-west-1', 'ml.g4dn.xlarge', 1, 'training')).toBe(600.06);
    expect(monthlyCost(ireland, 'eu-west-1', 'ml.t3.medium', 1, 'notebook')).toBe(40.15);
    expect(monthlyCost(ireland, 'eu-west-1', 'ml.m5.large', 1)).toBeUndefined();
    expect(pricesNote(ireland)).toBe('on-demand prices of 2023-12-31');
  });

  it('lay the config over the embedded sheet, and take the config’s date when it gives one', () => {
    // Act
    const ireland = pricesFor('eu-west-1', { asOf: '2026-11-20', hosting: { 'eu-west-1': { 'ml.m5.large': 0.128 } } });

    // Assess
    expect(ireland.asOf).toBe('2026-11-20');
    expect(monthlyCost(ireland, 'eu-west-1', 'ml.m5.large', 1)).toBe(93.44);
    expect(monthlyCost(ireland, 'eu-west-1', 'ml.m5.xlarge', 1)).toBe(187.61);
  });

  it('say which region has no prices and where to give them, and price nothing there', () => {
    // Act
    const stockholm = pricesFor('eu-north-1');

    // Assess
    expect(stockholm.unpricedRegion).toBe('eu-north-1');
    expect(monthlyCost(stockholm, 'eu-north-1', 'ml.m5.xlarge', 1)).toBeUndefined();
    expect(pricesNote(stockholm)).toBe(
      'no prices for eu-north-1: give them in shepherd.yml, costSweep.prices.hosting.eu-north-1',
    );
    expect(reportText([], [], [], stockholm, NOW, { trainingDays: 7 })).toContain(
      '(no prices for eu-north-1: give them in shepherd.yml',
    );
  });

  it('price a region once the config gives it, with no embedded sheet', () => {
    // Act
    const stockholm = pricesFor('eu-north-1', { hosting: { 'eu-north-1': { 'ml.m5.xlarge': 0.245 } } });

    // Assess
    expect(stockholm.unpricedRegion).toBeUndefined();
    expect(monthlyCost(stockholm, 'eu-north-1', 'ml.m5.xlarge', 1)).toBe(178.85);
    expect(stockholm.asOf).toBe('an unknown date');
  });

  it('keep a source, a date and only positive prices on every embedded sheet', () => {
    // Assess
    for (const sheet of PRICE_SHEETS) {
      expect(sheet.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(sheet.source).toMatch(/https:\/\//);
      const figures = [sheet.hosting, sheet.notebook, sheet.training].flatMap((byType) => Object.values(byType ?? {}));
      expect(figures.length).toBeGreaterThan(0);
      for (const usd of figures) expect(usd).toBeGreaterThan(0);
    }
  });

  it('keep withOverrides adding regions to any table', () => {
    // Act
    const both = withOverrides(pricesFor('us-east-1'), { hosting: { 'eu-west-1': { 'ml.m5.xlarge': 0.25 } } });

    // Assess
    expect(monthlyCost(both, 'eu-west-1', 'ml.m5.xlarge', 1)).toBe(182.5);
    expect(monthlyCost(both, 'us-east-1', 'ml.m5.xlarge', 1)).toBe(167.9);
  });
});

describe('one size down', () => {
  it('go to the next smaller size the family really has', () => {
    // Act & Assess
    expect(oneSizeDown('ml.m5.xlarge')).toBe('ml.m5.large');
    expect(oneSizeDown('ml.m5.4xlarge')).toBe('ml.m5.2xlarge');
    expect(oneSizeDown('ml.m5.12xlarge')).toBe('ml.m5.4xlarge');
    expect(oneSizeDown('ml.c5.18xlarge')).toBe('ml.c5.9xlarge');
    expect(oneSizeDown('ml.c5.9xlarge')).toBe('ml.c5.4xlarge');
    expect(oneSizeDown('ml.p3.8xlarge')).toBe('ml.p3.2xlarge');
    expect(oneSizeDown('ml.inf1.6xlarge')).toBe('ml.inf1.2xlarge');
    expect(oneSizeDown('ml.p6-b200.48xlarge')).toBeUndefined();
  });

  it('suggest nothing below the smallest size of a family', () => {
    // Act & Assess
    expect(oneSizeDown('ml.g4dn.xlarge')).toBeUndefined();
    expect(oneSizeDown('ml.g5.xlarge')).toBeUndefined();
    expect(oneSizeDown('ml.p3.2xlarge')).toBeUndefined();
    expect(oneSizeDown('ml.c5.large')).toBeUndefined();
    expect(oneSizeDown('ml.t2.medium')).toBeUndefined();
  });

  it('suggest nothing for a type SageMaker hosting does not list', () => {
    // Act & Assess
    expect(oneSizeDown('ml.m5.8xlarge')).toBeUndefined();
    expect(oneSizeDown('ml.x9.2xlarge')).toBeUndefined();
    expect(oneSizeDown('m5.xlarge')).toBeUndefined();
  });

  it('hold exactly the hosting instance types of the SageMaker API', () => {
    // Prepare
    const listed = Object.values(ProductionVariantInstanceType).sort();

    // Act
    const table = hostingFamilies().flatMap((family) => sizesOf(family).map((size) => `ml.${family}.${size}`));

    // Assess
    expect(table.sort()).toEqual(listed);
  });
});
