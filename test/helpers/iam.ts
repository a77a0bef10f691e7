// Reading the packaged IAM statements as IAM would: which SageMaker resources a function may act on.
type Statement = { Action: string[]; Resource: unknown[] };
const ACCOUNT = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012' };

/** The ARNs (with `*` globs) a statement's resources name, their Fn::Sub resolved. */
const arnsOf = (resource: unknown): string[] => {
  const text = typeof resource === 'string' ? resource : (resource as { 'Fn::Sub'?: string })['Fn::Sub'];
  return text ? [text.replace(/\$\{([^}]+)\}/g, (_, v: keyof typeof ACCOUNT) => ACCOUNT[v])] : [];
};

/** An IAM pattern (`*` any run, `?` any one character) as a regular expression; IAM ignores case in actions only. */
export const iamPattern = (pattern: string, ignoreCase = false): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'i' : '',
  );
const globMatches = (glob: string, arn: string) => iamPattern(glob).test(arn);

/** The ARN of a SageMaker resource as IAM compares it: its name in lower case. */
export const sagemakerResource = (type: string, name: string) =>
  `arn:aws:sagemaker:eu-west-1:123456789012:${type}/${name.toLowerCase()}`;

/** Whether these statements let the function call `action` on that resource ARN. */
export const allowed = (statements: unknown[], action: string, arn: string) =>
  (statements as Statement[])
    .filter((s) => s.Action.includes(action))
    .flatMap((s) => s.Resource.flatMap(arnsOf))
    .some((glob) => globMatches(glob, arn));

/** Whether any of these statements grants `action` at all. */
export const grants = (statements: unknown[], action: string) =>
  (statements as Statement[]).some((s) => s.Action.includes(action));
