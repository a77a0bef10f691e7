// The awsQuery protocol (SNS): a form-encoded request naming its `Action`, answered in XML. The reply
// shapes follow what @aws-sdk/core's AwsQueryProtocol reads back: `<{Action}Response><{Action}Result>`
// for output, `<ErrorResponse><Error><Code>` for errors (loadQueryErrorCode), lists as `<member>`.

/** An awsQuery service: the action and the form's fields exactly as sent (`MessageAttributes.entry.1.Name`). */
export type QueryService = (action: string, params: Record<string, string>) => unknown | Promise<unknown>;

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
export const CLOUDFORMATION_VERSION = '2010-05-15';
export const CLOUDFORMATION_XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
export const STS_VERSION = '2011-06-15';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/**
 * Re-assembles a map the query serializer flattened: `P.entry.N.Name` holds the key and
 * `P.entry.N.Value.X` its fields, e.g. SNS MessageAttributes → { kind: { DataType, StringValue } }.
 */
export function unflattenMap(params: Record<string, string>, prefix: string): Record<string, Record<string, string>> {
  const entries = new Map<string, { name?: string; value: Record<string, string> }>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.entry\\.(\\d+)\\.(Name|Value\\.(.+))$`);
  for (const [key, value] of Object.entries(params)) {
    const m = pattern.exec(key);
    if (!m?.[1]) continue;
    const entry = entries.get(m[1]) ?? { value: {} };
    entries.set(m[1], entry);
    if (m[3] === undefined) entry.name = value;
    else entry.value[m[3]] = value;
  }
  const out: Record<string, Record<string, string>> = {};
  for (const { name, value } of entries.values()) if (name !== undefined) out[name] = value;
  return out;
}

// \r is escaped too: XML parsers fold a literal CR into LF, which would change a message's text.
const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"'\r]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c] ?? c,
  );

/** Arrays become `<member>` lists and `Map`s `<entry><key/><value/></entry>`, as the query protocol nests them. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (value instanceof Map) {
    return [...value]
      .map(([k, v]) => `<entry><key>${escapeXml(String(k))}</key><value>${toXml(v)}</value></entry>`)
      .join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function xmlReply(action: string, result: unknown, requestId: string, xmlns: string): string {
  const body = result === undefined ? '' : `<${action}Result>${toXml(result)}</${action}Result>`;
  return (
    `<${action}Response xmlns="${xmlns}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function xmlError(code: string, message: string, status: number, requestId: string): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
