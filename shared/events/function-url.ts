// A Lambda Function URL request (payload format 2.0), as approvalLink reads it: method, path, query, headers, body.
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
import * as z from 'zod/mini';
import '../validation';

export const functionUrlRequest = z.object({
  rawPath: z.string(),
  headers: z._default(z.record(z.string(), z.string()), {}),
  queryStringParameters: z.optional(z.record(z.string(), z.string())),
  body: z.optional(z.string()),
  isBase64Encoded: z._default(z.boolean(), false),
  requestContext: z.object({ http: z.object({ method: z.string() }) }),
});

export type FunctionUrlRequest = z.output<typeof functionUrlRequest>;
