// The bundles' SDK clients as shared/config/esbuild-sdk-trims.js changes them (trait keys written as strings, the
// endpoint cache on a small LRU cache, fallbacks Lambda never reaches left out): every request and answer the same as
// the SDK's own, against a local server that speaks S3's REST-XML, SNS's query, and CloudWatch's and DynamoDB's JSON
// protocols.
// Nothing here reaches AWS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ROOT } from './template';

const plugins: Plugin[] = require(join(ROOT, 'shared/config/esbuild.js'))();
// The plugins that change what the SDK's modules are; the others only leave out what no call here imports.
const SDK_CHANGES = ['shepherd-literal-trait-keys', 'shepherd-small-lru-cache', 'shepherd-leave-out-unreached'];

// What a function does with each client, from a bundle of its own; the results are compared as JSON.
const CALLS = `
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { NotFoundException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, GetItemCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
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
  const dynamo = new DynamoDBClient(config);
  const itemKey = { pk: { S: 'MODEL#churn' }, sk: { S: 'TRAINING' } };
  const item = { TableName: 'shepherd', Key: itemKey, ConsistentRead: true };
  return {
    object: [await got.Body.transformToString(), got.ContentType, got.ETag, got.Metadata, got.ContentRange],
    missing: await caught(s3.send(new GetObjectCommand({ Bucket: 'reports', Key: 'missing' })), NoSuchKey),
    published: (await sns.send(new PublishCommand({ ...message, MessageAttributes: attributes }))).MessageId,
    noTopic: await caught(sns.send(new PublishCommand({ ...message, TopicArn: gone })), NotFoundException),
    alarms: (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['abort'] }))).MetricAlarms,
    item: (await dynamo.send(new GetItemCommand(item))).Item,
    noTable: await caught(dynamo.send(new GetItemCommand({ ...item, TableName: 'gone' })), ResourceNotFoundException),
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
  } else if (String(req.headers['x-amz-target']).startsWith('DynamoDB_20120810.')) {
    const gone = body.includes('"gone"');
    res.writeHead(gone ? 400 : 200, { 'content-type': 'application/x-amz-json-1.0' });
    const error = { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'no table' };
    res.end(JSON.stringify(gone ? error : { Item: { pk: { S: 'MODEL#churn' }, version: { N: '3' } } }));
  } else if (body.includes('Action=Publish')) {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end('<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>');
  } else {
    const alarm = { AlarmName: 'abort', StateValue: 'ALARM', StateUpdatedTimestamp: 1796000000 };
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ MetricAlarms: [alarm] }));
  }
}

/** The calls, bundled as serverless package bundles a function (with or without the plugins that change the SDK). */
async function bundled(dir: string, name: string, asPackaged: boolean): Promise<string> {
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
    plugins: plugins.filter((p) => asPackaged || !SDK_CHANGES.includes(p.name)),
  });
  return outfile;
}

let dir: string;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SDK clients as the bundles carry them', () => {
  it('send the same requests and read the same answers and errors as the SDK bundled as it ships', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'shepherd-sdk-shapes-'));
    const [packaged, asShipped] = [await bundled(dir, 'packaged', true), await bundled(dir, 'shipped', false)];
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
      const results = await require(packaged).calls(endpoint);
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
        item: { pk: { S: 'MODEL#churn' }, version: { N: '3' } },
        noTable: ['ResourceNotFoundException', 'ResourceNotFoundException', 400, true],
      });
      // What the plugins change is in one bundle and not the other.
      const [packagedCode, shippedCode] = [readFileSync(packaged, 'utf8'), readFileSync(asShipped, 'utf8')];
      const [mnemonist, leftOut] = ['mnemonist/lru-cache: capacity', 'Sha256Js: this Node.js has no native SHA-256'];
      expect([packagedCode.includes(mnemonist), packagedCode.includes(leftOut)]).toEqual([false, true]);
      expect([shippedCode.includes(mnemonist), shippedCode.includes(leftOut)]).toEqual([true, false]);
    } finally {
      server.close();
    }
  });
  it('say that no region is set, without asking the instance metadata service, when a client has none', async () => {
    // Prepare
    const noRegion = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
export const get = () => new DynamoDBClient({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } })
  .send(new GetItemCommand({ TableName: 'shepherd', Key: { pk: { S: 'MODEL#churn' } } }));
`;
    const regionDir = mkdtempSync(join(tmpdir(), 'shepherd-no-region-'));
    const outfile = join(regionDir, 'no-region.js');
    await build({
      stdin: { contents: noRegion, resolveDir: ROOT, loader: 'js' },
      ...{ bundle: true, minify: true, keepNames: true, platform: 'node', target: 'node20', format: 'cjs' },
      ...{ mainFields: ['module', 'main'], outfile, logLevel: 'silent', plugins },
    });
    const saved = { ...process.env };
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED']) {
      delete process.env[name];
    }
    process.env.AWS_CONFIG_FILE = join(regionDir, 'no-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(regionDir, 'no-credentials');

    try {
      // Act
      const answer = require(outfile).get();

      // Assess
      await expect(answer).rejects.toThrow('getInstanceMetadataRegion: no AWS_REGION is set');
      expect(readFileSync(outfile, 'utf8')).not.toContain('169.254.169.254');
    } finally {
      process.env = saved;
      rmSync(regionDir, { recursive: true, force: true });
    }
  });
});
