// A Lambda Function URL request (payload format 2.0), as approvalLink reads it: method, path, query, headers, body.
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
import * as v from 'valibot';
import { mapOf, object } from '../validation';

export const functionUrlRequest = object({
  rawPath: v.string(),
  headers: v.optional(mapOf(v.string()), () => ({})),
  queryStringParameters: v.optional(mapOf(v.string())),
  body: v.optional(v.string()),
  isBase64Encoded: v.optional(v.boolean(), false),
  requestContext: object({ http: object({ method: v.string() }) }),
});

export type FunctionUrlRequest = v.InferOutput<typeof functionUrlRequest>;
