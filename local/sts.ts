// STS GetCallerIdentity: who calls. The local cloud has one developer, whose name is the operating system's user,
// so the timeline of a local run says who approved or aborted, as it would in an account.
import { userInfo } from 'node:os';
import { ACCOUNT, AwsError } from './core';
import type { QueryService } from './server/query';

export function stsEmulator(user = localUser()): QueryService {
  return (action) => {
    if (action !== 'GetCallerIdentity') throw new AwsError('InvalidAction', `STS action ${action} is not emulated`);
    return { UserId: 'AIDALOCALDEVELOPER', Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/${user}` };
  };
}

function localUser(): string {
  try {
    return userInfo().username.replace(/[^\w+=,.@-]/g, '-') || 'developer';
  } catch {
    return 'developer';
  }
}
