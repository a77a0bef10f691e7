// What `npm run bench` prints: each figure beside its goal and verdict, a failed section as an error row.
import { errorFigure, figure } from '../bench/figures';
import { bundlesMarkdownTable, markdownTable, table } from '../bench/report';

describe('the bench table', () => {
  it('gives each figure the verdict of the goal it is printed with', () => {
    // Act
    const figures = [
      figure('bundles', 'reconcile: JS / naive', 0.25, '×', ['<=', 0.4]),
      figure('bundles', 'sendApprovalLinks: JS / naive', 0.49, '×', ['<=', 0.4]),
      figure('canary', 'A/A: promoted', 99.5, '%', ['>=', 90]),
      figure('storm', 'dead letters', 0, '', ['=', 0]),
      figure('judge', 'static alarm: 3x 5XX p90 to detect', Number.NaN, 'min', ['>=', 8.951_35]),
    ];

    // Assess
    expect(figures.map((f) => [f.goal, f.ok])).toEqual([
      ['<= 0.4', true],
      ['<= 0.4', false],
      ['>= 90', true],
      ['= 0', true],
      ['>= 8.95', false],
    ]);
  });

  it('prints a section that threw as one error row with its message, beside the sections that ran', () => {
    // Prepare
    const figures = [
      figure('canary', 'A/A: promoted', 99.5, '%', ['>=', 90]),
      errorFigure('storm', new Error('storm bench not built yet\nat stack')),
      figure('judge', 'static alarm: 3x 5XX p90 to detect', Number.POSITIVE_INFINITY, 'min', ['>=', 9]),
    ];

    // Act
    const lines = table(figures).split('\n');

    // Assess
    expect(lines[0]).toMatch(/^section\s+figure\s+value\s+unit\s+goal\s+verdict$/);
    expect(lines[2]).toMatch(/^canary\s+A\/A: promoted\s+99\.50\s+%\s+>= 90\s+met$/);
    expect(lines[3]).toMatch(/^storm\s+section failed\s+-\s+ERROR: storm bench not built yet$/);
    expect(lines[4]).toMatch(/never\s+min\s+>= 9\s+met$/);
  });

  it('quotes the same figures as Markdown rows, with signs for goals and a miss in bold', () => {
    // Prepare
    const figures = [
      figure('bundles', 'largest JS (reconcile)', 557.2, 'KB', ['<=', 450]),
      figure('bundles', 'reconcile: JS / naive', 0.28, '×', ['<=', 0.4]),
      figure('canary', 'A/A: promoted', 99, '%', ['>=', 90]),
      errorFigure('storm', new Error('no local cloud')),
    ];

    // Act
    const lines = markdownTable(figures).split('\n');

    // Assess
    expect(lines).toEqual([
      '| section | figure | value | goal | verdict |',
      '| --- | --- | --- | --- | --- |',
      '| bundles | largest JS (reconcile) | 557 KB | ≤ 450 | **MISSED** |',
      '|  | reconcile: JS / naive | 0.28× | ≤ 0.4 | met |',
      '| canary | A/A: promoted | 99% | ≥ 90 | met |',
      '| storm | section failed | - |  | **ERROR: no local cloud** |',
    ]);
  });

  it('lists each function’s bundle and cold load beside its naive bundle’s, smallest first', () => {
    // Prepare
    const bundles = [
      { function: 'reconcile', bytes: 457_969, naiveBytes: 1_981_000 },
      { function: 'sendApprovalLinks', bytes: 332_644, naiveBytes: 698_000 },
    ];
    const loads = [{ function: 'reconcile', loadMs: 106.4, naiveLoadMs: 482 }];

    // Act
    const lines = bundlesMarkdownTable(bundles, loads).split('\n');

    // Assess
    expect(lines.slice(2)).toEqual([
      '| `sendApprovalLinks` | 325 KB | 0.48 | 682 KB | - | - |',
      '| `reconcile` | 447 KB | 0.23 | 1935 KB | 106 ms | 0.22 |',
    ]);
  });
});
