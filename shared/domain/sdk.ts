// The domain builds requests in the AWS SDK's own types, imported with `import type` only: it carries none of the
// SDK's code, and a field of the wrong type or name fails to compile instead of failing in SageMaker.

/**
 * An SDK request type with the fields `Field` made present: the SDK marks nearly every field optional, but these
 * Shepherd always sets and reads back.
 */
export type WithFields<Request, Field extends keyof Request> = Request & {
  [Name in Field]-?: NonNullable<Request[Name]>;
};
