// How SageMaker says what went wrong, shared by the training and the hosting adapter (each function bundles only
// the adapter it calls, and both need these).

/** SageMaker says "not found" with a ValidationException (docs/aws-sagemaker.md), newer APIs with ResourceNotFound. */
export const isNotFound = (err: unknown): boolean =>
  err instanceof Error &&
  (err.name === 'ResourceNotFound' ||
    (err.name === 'ValidationException' && /could not find|not found|does not exist/i.test(err.message)));

/** A ValidationException whose message says this. */
export const isValidation = (err: unknown, text: RegExp): boolean =>
  err instanceof Error && err.name === 'ValidationException' && text.test(err.message);

/** A create or delete whose "already exists" or "not found" means an earlier attempt got through. */
export async function tolerate(call: Promise<unknown>, ok: (err: unknown) => boolean): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (!ok(err)) throw err;
  }
}
