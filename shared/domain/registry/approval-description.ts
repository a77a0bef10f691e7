// What SageMaker keeps as a package's ApprovalDescription: UpdateModelPackage takes at most 1024 characters matching
// `.*`, and AWS applies such a pattern so that `.` matches no line break: a reason typed on several lines (an
// approval link's form, `--reason`, a human's abort behind a rollback) would be refused (docs/aws-sagemaker.md).

const MAX = 1024;
// The line terminators `.` does not match in the Java patterns AWS validates with: \n, \r, U+0085, U+2028, U+2029.
const BREAKS = /\s*[\n\r\u0085\u2028\u2029]+\s*/gu;

/** `text` on one line, each break said as " / ", cut to 1024 characters without splitting a surrogate pair. */
export function asApprovalDescription(text: string): string {
  const line = text.replace(BREAKS, ' / ').replace(/^ \/ | \/ $/g, '');
  if (line.length <= MAX) return line;
  const last = line.charCodeAt(MAX - 1);
  return line.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX - 1 : MAX);
}
