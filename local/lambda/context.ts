// The context object Lambda hands a handler: its names, request id, and the time left before its timeout.
import type { Context } from 'aws-lambda';

export function lambdaContext(functionName: string, n: number, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    functionName,
    functionVersion: '$LATEST',
    awsRequestId: `local-${n}`,
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:shepherd-local-${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/shepherd-local-${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
