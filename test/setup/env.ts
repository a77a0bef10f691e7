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
  SHEPHERD_CONFIG: join(__dirname, '..', '..', 'shepherd.yml'),
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
});
