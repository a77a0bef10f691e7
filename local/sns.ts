// Amazon SNS as Shepherd uses it: topics that exist or not, Publish with its validation, and an
// outbox standing in for the subscribers, so a local run can show and assert what would be sent.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { ACCOUNT, AwsError, REGION, type Timeline } from './core';
import type { Clock } from './clock';
import { unflattenMap, type QueryService } from './server/query';

export interface SnsMessage {
  topicArn: string;
  subject?: string;
  message: string;
  /** Attribute name → StringValue (BinaryValue, base64, for Binary attributes). */
  attributes: Record<string, string>;
  at: Date;
  messageId: string;
}

const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_ATTRIBUTES = 10;
const DATA_TYPE = /^(String|Number|Binary|String\.Array)(\..+)?$/;
// AWS: ASCII starting with a letter, number or punctuation, no line breaks or control characters.
const SUBJECT = /^[!-~][ -~]{0,99}$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$|^[A-Za-z0-9_-]{1,251}\.fifo$/;

const invalid = (what: string) => new AwsError('InvalidParameter', `Invalid parameter: ${what}`);
const topicArnOf = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

export class SnsEmulator {
  private readonly topics = new Set<string>();
  private readonly sent: SnsMessage[] = [];

  constructor(
    private readonly opts: {
      clock: Clock;
      timeline: Timeline;
      topics: string[];
      /** A local inbox: every message appended as one JSON line `{ topicArn, subject, message, attributes }`. */
      outboxFile?: string;
    },
  ) {
    // Accept names or ARNs: config holds ARNs, while a test may just name its topic.
    for (const topic of opts.topics) this.topics.add(topic.startsWith('arn:') ? topic : topicArnOf(topic));
  }

  readonly handle: QueryService = (action, params) => {
    switch (action) {
      case 'Publish':
        return this.publish(params);
      case 'CreateTopic':
        return this.createTopic(params);
      case 'ListTopics':
        return { Topics: [...this.topics].map((TopicArn) => ({ TopicArn })) };
      default:
        throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
    }
  };

  outbox(): ReadonlyArray<SnsMessage> {
    return this.sent;
  }

  private createTopic(params: Record<string, string>): { TopicArn: string } {
    const name = params.Name ?? '';
    if (!TOPIC_NAME.test(name)) throw invalid('Topic Name');
    const arn = topicArnOf(name);
    this.topics.add(arn);
    return { TopicArn: arn };
  }

  private publish(params: Record<string, string>): { MessageId: string } {
    const { TopicArn: topicArn, Subject: subject, Message: message } = params;
    if (topicArn === undefined) throw invalid('TopicArn or TargetArn Reason: no value for required parameter');
    if (!/^arn:aws:sns:[^:]+:\d{12}:.+$/.test(topicArn)) throw invalid('TopicArn');
    if (!this.topics.has(topicArn)) throw new AwsError('NotFound', 'Topic does not exist', 404);
    if (subject !== undefined && !SUBJECT.test(subject)) throw invalid('Subject');
    if (message === undefined || message === '') throw invalid('Empty message');

    const attributes = this.attributes(params);
    // Attributes' names, types and values count toward the 256 KB limit, as on AWS.
    const size = [message, ...Object.entries(attributes).flatMap(([k, v]) => [k, v.type, v.value])].reduce(
      (n, s) => n + Buffer.byteLength(s),
      0,
    );
    if (size > MAX_MESSAGE_BYTES) throw invalid('Message too long');

    const entry: SnsMessage = {
      topicArn,
      subject,
      message,
      attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.value])),
      at: this.opts.clock.now(),
      messageId: randomUUID(),
    };
    this.sent.push(entry);
    if (this.opts.outboxFile) {
      const { at: _at, messageId: _id, ...line } = entry;
      appendFileSync(this.opts.outboxFile, `${JSON.stringify(line)}\n`);
    }
    const { kind = '-', severity = '-' } = entry.attributes;
    this.opts.timeline.log('sns', `${kind}/${severity} ${subject ?? '(no subject)'}`);
    return { MessageId: entry.messageId };
  }

  private attributes(params: Record<string, string>): Record<string, { type: string; value: string }> {
    const raw = unflattenMap(params, 'MessageAttributes');
    const names = Object.keys(raw);
    if (names.length > MAX_ATTRIBUTES)
      throw invalid(`Too many message attributes: ${names.length} (max ${MAX_ATTRIBUTES})`);
    const out: Record<string, { type: string; value: string }> = {};
    for (const [name, attr] of Object.entries(raw)) {
      const type = attr.DataType;
      const value = attr.StringValue ?? attr.BinaryValue;
      const bad = (why: string) => new AwsError('ParameterValueInvalid', `The message attribute '${name}' ${why}.`);
      if (!type || !DATA_TYPE.test(type))
        throw bad(
          'has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String',
        );
      if (value === undefined || value === '')
        throw bad(`must contain non-empty message attribute value for message attribute type '${type}'`);
      if (type.startsWith('Number') && !Number.isFinite(Number(value))) throw bad('could not be cast to a number');
      out[name] = { type, value };
    }
    return out;
  }
}
