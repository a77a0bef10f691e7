import { AwsError } from '../../local/core';

/** The AwsError an emulator call throws; fails the test if the call succeeds or throws something else. */
export function failure(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  throw new Error('the call succeeded, an AwsError was expected');
}
