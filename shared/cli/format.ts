// Readable tables for people; `--json` prints the same data for scripts.

/** Columns padded to their widest cell; the last column is not padded. */
export function table<T extends object>(rows: T[], columns: { key: keyof T; title: string }[]): string {
  // A cell's line breaks (a training's FailureReason is its traceback, a --reason may be pasted) would start lines
  // that read as rows of their own: each row stays on one line. --json keeps the text as it is.
  const cells = rows.map((row) => columns.map((c) => String(row[c.key] ?? '').replace(/\s*[\r\n]+\s*/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title.toUpperCase())), ...cells.map(line)].join('\n');
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `2h`, `7d` in milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined;
}
