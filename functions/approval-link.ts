// approvalLink, behind a Lambda Function URL (auth NONE: the signed token is the credential). GET and HEAD show a
// confirmation page and change nothing, as mail scanners and chat unfurlers open links; only the page's POST acts.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { damagedPage, refusalPage, SECURITY_HEADERS, withoutBody } from '../shared/domain/approval/page';
import { isLinkAction } from '../shared/domain/approval/token';
import { type FunctionUrlRequest, functionUrlRequest } from '../shared/events/function-url';
import { logger, metrics } from '../shared/observability/logger';
import { approvalLinks } from '../shared/runtime/approval-links';
import { whenCorrupt } from '../shared/runtime/corrupt';
import { check } from '../shared/validation';

// A form of a hidden nonce, a reason of at most 500 characters and the button: anything much larger is not ours.
const MAX_BODY = 8 * 1024;

const text = (statusCode: number, body: string, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  body,
});

function formOf(event: FunctionUrlRequest): URLSearchParams | undefined {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  return raw.length > MAX_BODY ? undefined : new URLSearchParams(raw);
}

async function serve(raw: unknown): Promise<APIGatewayProxyStructuredResultV2> {
  const checked = check(functionUrlRequest, raw);
  if (!checked.success) {
    logger.warn('approval link request rejected: not a Function URL request', { problems: checked.problems });
    return text(400, 'Bad request.');
  }
  const event = checked.output;
  const method = event.requestContext.http.method;
  const path = event.rawPath.replace(/\/+$/, '');
  // Every hit is logged with who asked, so scanner and unfurler traffic shows in the audit trail.
  logger.info('approval link requested', { method, path, userAgent: event.headers['user-agent'] ?? '(none)' });
  metrics.addMetric('ApprovalLinkRequests', MetricUnit.Count, 1);
  const action = path.slice(1);
  if (!isLinkAction(action)) return text(404, 'Not found: approval links are /approve, /reject, /promote or /abort.');
  const token = event.queryStringParameters?.t ?? '';
  if (method === 'GET' || method === 'HEAD') {
    // A corrupt record (the use, the deployment item) is alerted once and shown as damaged; the rest is thrown.
    const page = await whenCorrupt(approvalLinks().show(action, token), damagedPage);
    return method === 'HEAD' ? withoutBody(page) : page;
  }
  if (method !== 'POST')
    return text(405, 'Method not allowed: GET shows the page, POST acts.', { Allow: 'GET, HEAD, POST' });
  const form = formOf(event);
  if (!form) return refusalPage('malformed', 'The form is larger than the confirmation page sends.');
  const acting = approvalLinks().act(action, token, {
    ...(form.get('nonce') ? { nonce: form.get('nonce')! } : {}),
    ...(form.get('reason') ? { reason: form.get('reason')! } : {}),
  });
  const page = await whenCorrupt(acting, damagedPage);
  if (page.statusCode === 200) metrics.addMetric('ApprovalLinksUsed', MetricUnit.Count, 1);
  else if (page.statusCode >= 400) logger.warn('approval link refused', { method, path, status: page.statusCode });
  return page;
}

export const handler = middy(serve)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
