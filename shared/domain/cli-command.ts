// The `shepherd` CLI commands that notifications print for a human to paste. The CLI acts on the stack its flags
// name, `dev` in the default region when none is given: a command pasted from another stack's notification must
// name that stack, or it acts on the wrong one (or finds none).

/** The stack a notification comes from: a deployed stage in a region, or the local cloud of `npm start`. */
export type StackTarget = { local: true } | { local?: false; stage: string; region: string };

/** `npx shepherd <the stack's flags> <args>`: what the CLI needs to act on exactly that stack. */
export function shepherdCommand(stack: StackTarget, args: string): string {
  const where = stack.local ? '--local' : `--stage ${stack.stage} --region ${stack.region}`;
  return `npx shepherd ${where} ${args}`;
}
