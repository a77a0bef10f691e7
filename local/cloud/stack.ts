// Shepherd's stack as the local cloud deploys it: the names of its resources, its event rules as CloudFormation
// resolves them, what CloudFormation shows of it, and the environment Lambda gives its functions.
import { cloudFormationEmulator } from '../cloudformation';
import { ACCOUNT, REGION } from '../core';
import type { QueryService } from '../server/query';
import { eventRules, type Rule, type Template } from '../template';

const STAGE = 'local';
export const STACK_NAME = `shepherd-${STAGE}`;
export const TABLE_NAME = `shepherd-${STAGE}`;
export const BUS_NAME = `shepherd-${STAGE}`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:shepherd-${STAGE}-notifications`;
export const CHAT_TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:shepherd-${STAGE}-chat`;
export const SIGNING_SECRET = `shepherd-${STAGE}-approval-link-key`;

/** The packaged template's EventBridge rules, deployed. */
export function stackRules(template: Template): Rule[] {
  // A rule on Shepherd's own bus names it by `Ref`, which CloudFormation resolves to the bus's name.
  return eventRules(template).map((rule) =>
    JSON.stringify(rule.EventBusName) === JSON.stringify({ Ref: 'ShepherdBus' })
      ? { ...rule, EventBusName: BUS_NAME }
      : rule,
  );
}

/** CloudFormation answering for the stack: its resources' physical ids and its outputs. */
export function stackService(signingSecretArn: string): QueryService {
  return cloudFormationEmulator(
    STACK_NAME,
    {
      StateTable: TABLE_NAME,
      NotificationsTopic: TOPIC_ARN,
      ChatTopic: CHAT_TOPIC_ARN,
      ApprovalKeySecret: signingSecretArn,
      ShepherdBus: BUS_NAME,
    },
    { StateTableName: TABLE_NAME, NotificationsTopicArn: TOPIC_ARN, EventBusName: BUS_NAME },
  );
}

/** The functions' environment: the stack's names, and the local endpoints in place of AWS's. */
export function lambdaEnvironment(at: {
  serverUrl: string;
  dynamoUrl: string;
  signingSecretArn: string;
  approvalUrl: string;
  configFile: string;
}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: at.serverUrl,
    AWS_ENDPOINT_URL_DYNAMODB: at.dynamoUrl,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TABLE_NAME,
    TOPIC_ARN,
    EVENT_BUS_NAME: BUS_NAME,
    SHEPHERD_STAGE: STAGE,
    APPROVAL_KEY_SECRET: at.signingSecretArn,
    APPROVAL_LINK_URL: at.approvalUrl,
    CHAT_TOPIC_ARN,
    SHEPHERD_CONFIG: at.configFile,
    POWERTOOLS_LOG_LEVEL: process.env.SHEPHERD_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
}
