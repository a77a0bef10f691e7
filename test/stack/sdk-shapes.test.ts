// The bundles' SDK clients with their trait keys written as strings (shared/config/esbuild.js): every request and
// answer the same as the SDK's own, against a local server that speaks S3's REST-XML, SNS's query and CloudWatch's
// JSON protocol. Nothing here reaches AWS.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ROOT } from './template';

const plugins: Plugin[] = require(join(ROOT, 'shared/config/esbuild.js'))();
const TRAIT_KEYS = 'shepherd-literal-trait-keys';

// What a function does with each client, from a bundle of its own; the results are compared as JSON.
const CALLS = `
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { NotFoundException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
const caught = async (call, type) =>
  call.then(() => 'no error', (e) => [e.name, e.constructor.name, e.$metadata.httpStatusCode, e instanceof type]);
export async function calls(endpoint) {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
  const config = { region: 'us-east-1', endpoint, credentials };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const key = 'monitoring/constraint_violations.json';
  const report = { Bucket: 'reports', Key: key, VersionId: 'v1', Range: 'bytes=0-99' };
  const got = await s3.send(new GetObjectCommand(report));
  const sns = new SNSClient(config);
  const message = { TopicArn: 'arn:aws:sns:us-east-1:123456789012:topic', Message: 'hello', Subject: 'Shepherd' };
  const gone = 'arn:aws:sns:us-east-1:123456789012:topic-gone';
  const attributes = { severity: { DataType: 'String', StringValue: 'critical' } };
  const cloudwatch = new CloudWatchClient(config);
  return {
    object: [await got.Body.transformToString(), got.ContentType, got.ETag, got.Metadata, got.ContentRange],
    missing: await caught(s3.send(new GetObjectCommand({ Bucket: 'reports', Key: 'missing' })), NoSuchKey),
    published: (await sns.send(new PublishCommand({ ...message, MessageAttributes: attributes }))).MessageId,
    noTopic: await caught(sns.send(new PublishCommand({ ...message, TopicArn: gone })), NotFoundException),
    alarms: (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['abort'] }))).MetricAlarms,
  };
}
`;

type Seen = [method: string | undefined, url: string | undefined, headers: Record<string, unknown>, body: string];
// Headers that differ from one request to the next whoever sends it: time, signature, ids, the user agent.
const VARYING = ['authorization', 'x-amz-date', 'amz-sdk-invocation-id', 'amz-sdk-request', 'user-agent', 'host'];

function answer(req: IncomingMessage, body: string, res: ServerResponse): void {
  if (req.url?.startsWith('/reports/monitoring/')) {
    const headers = { 'content-type': 'application/json', etag: '"abc"', 'x-amz-meta-by': 'monitor' };
    res.writeHead(206, { ...headers, 'content-range': 'bytes 0-12/13' });
    res.end('{"violations":[]}');
  } else if (req.url?.startsWith('/reports/missing')) {
    res.writeHead(404, { 'content-type': 'application/xml' });
    res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>');
  } else if (body.includes('Action=Publish') && body.includes('gone')) {
    res.writeHead(404, { 'content-type': 'text/xml' });
    res.end(
      '<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>no</Message></Error></ErrorResponse>',
    );
  } else if (body.includes('Action=Publish')) {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end('<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>');
  } else {
    const alarm = { AlarmName: 'abort', StateValue: 'ALARM', StateUpdatedTimestamp: 1796000000 };
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ MetricAlarms: [alarm] }));
  }
}

/** The calls, bundled as serverless package bundles a function (with or without the trait keys as strings). */
async function bundled(dir: string, name: string, withTraitKeys: boolean): Promise<string> {
  const outfile = join(dir, `${name}.js`);
  await build({
    stdin: { contents: CALLS, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    keepNames: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'silent',
    plugins: plugins.filter((p) => withTraitKeys || p.name !== TRAIT_KEYS),
  });
  return outfile;
}

let dir: string;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SDK clients with their trait keys written as strings', () => {
  it('send the same requests and read the same answers and errors as the SDK bundled as it ships', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'shepherd-sdk-shapes-'));
    const [withKeys, asShipped] = [await bundled(dir, 'with', true), await bundled(dir, 'without', false)];
    const seen: Seen[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([h]) => !VARYING.includes(h)));
        seen.push([req.method, req.url, headers, body]);
        answer(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

    try {
      // Act
      const results = await require(withKeys).calls(endpoint);
      const requests = seen.splice(0);
      const shippedResults = await require(asShipped).calls(endpoint);
      const shippedRequests = seen.splice(0);

      // Assess
      expect(requests).toEqual(shippedRequests);
      expect(results).toEqual(shippedResults);
      expect(requests.map(([method, url]) => `${method} ${url}`)).toContain(
        'GET /reports/monitoring/constraint_violations.json?versionId=v1&x-id=GetObject',
      );
      expect(requests.find(([, url]) => url?.includes('versionId'))?.[2]).toMatchObject({ range: 'bytes=0-99' });
      expect(results).toMatchObject({
        object: ['{"violations":[]}', 'application/json', '"abc"', { by: 'monitor' }, 'bytes 0-12/13'],
        missing: ['NoSuchKey', 'NoSuchKey', 404, true],
        published: 'm-1',
        noTopic: ['NotFoundException', 'NotFoundException', 404, true],
        alarms: [{ AlarmName: 'abort', StateValue: 'ALARM' }],
      });
    } finally {
      server.close();
    }
  });
});
