// Runs before each test file's modules load: handlers read these at cold start.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: `shepherd-test-${randomBytes(4).toString('hex')}`,
  TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:shepherd-test-notifications',
  EVENT_BUS_NAME: 'shepherd-test',
  // The stage serverless.yml gives every function: the commands its notifications print name it.
  SHEPHERD_STAGE: 'test',
  SHEPHERD_CONFIG: join(__dirname, '..', '..', 'shepherd.yml'),
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  // Lambda's invoke store (the request context Powertools reads) sits on globalThis.awslambda, so that every copy of
  // the package in one Lambda process shares it. Jest deletes what a test file left on the global object, and the
  // next file's store read the deleted one (a JEST-01 warning now, an error in later Jest): each file keeps its own.
  AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA: 'true',
});
