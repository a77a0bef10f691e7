import { notData } from '../../shared/domain/retraining/window';

describe('what counts as data under a trigger’s prefix', () => {
  it('judges the names below the prefix, not those the prefix itself chose', () => {
    // Act
    const verdicts = [
      notData('data/_raw/a.csv', 10, 'data/_raw/'),
      notData('data/_raw/a.csv', 10, 'data/_ra'),
      notData('data/_raw/a.csv', 10, 'data/'),
      notData('a/.hidden/b.csv', 10, ''),
      notData('data/x/part-0.csv', 10, 'data/'),
    ];

    // Assess
    const hidden = 'a hidden file or folder (its name starts with _ or .), not data';
    expect(verdicts).toEqual([undefined, undefined, hidden, hidden, undefined]);
  });

  it('counts no empty object and no folder marker, wherever it is', () => {
    // Act
    const verdicts = [notData('data/x/part-0.csv', 0, 'data/'), notData('data/x/', 0, 'data/')];

    // Assess
    expect(verdicts).toEqual(['an empty object (a marker such as _SUCCESS), not data', 'a folder marker, not data']);
  });
});
