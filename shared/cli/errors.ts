// How the CLI ends: 0 done, 1 the action failed or was refused, 2 the command line was wrong. What goes wrong is
// said in one line, never with a stack trace.

/** A mistake on the command line (an unknown model, a bad option): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** An action that could not be done, or a place the CLI cannot reach: exit code 1. */
export class ActionError extends Error {
  readonly exitCode = 1;
}

/** What the user reads when something fails: the SDK's own errors named, credentials and regions explained. */
export function explain(err: unknown): { message: string; exitCode: number } {
  if (err instanceof UsageError || err instanceof ActionError) return { message: err.message, exitCode: err.exitCode };
  if (!(err instanceof Error)) return { message: String(err), exitCode: 1 };
  if (
    err.name === 'CredentialsProviderError' ||
    (/credential/i.test(err.message) && /could not|unable|missing/i.test(err.message))
  ) {
    return {
      message:
        'no AWS credentials: configure them as for the AWS CLI (aws configure, AWS_PROFILE, SSO, …), ' +
        `or use --local for the local cloud (${err.message})`,
      exitCode: 1,
    };
  }
  if (/region is missing/i.test(err.message)) {
    return { message: 'no AWS region: pass --region or set AWS_REGION (or a profile region)', exitCode: 1 };
  }
  if (/ECONNREFUSED/.test(err.message) || (err as { code?: string }).code === 'ECONNREFUSED') {
    return {
      message: `cannot reach ${err.message.split('ECONNREFUSED ')[1] ?? 'the endpoint'}: is the local cloud running?`,
      exitCode: 1,
    };
  }
  return { message: `${err.name}: ${err.message}`, exitCode: 1 };
}
