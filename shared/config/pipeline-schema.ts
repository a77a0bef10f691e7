// A pipeline line's training: a SageMaker pipeline of its owner's, started with the line's parameters, which are
// checked at load (docs/aws-pipelines.md).
import { z } from 'zod';
import { sageMakerName } from './names';

export const pipelineTraining = z.strictObject({
  type: z.literal('pipeline'),
  pipelineName: sageMakerName(256),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
});

// SageMaker's `Parameter` of StartPipelineExecution (docs/aws-pipelines.md): an execution that breaks these is
// refused at every start, so a typo would only show when a retraining is due.
const PARAMETER_NAME = /^[A-Za-z0-9\-_]{1,256}$/;
const MAX_PARAMETER_VALUE = 1024;
const MAX_PARAMETERS = 200;

/** A pipeline line's parameters, each said with the line and the parameter it concerns. */
export function checkPipelineParameters(
  line: { name: unknown; training: { type: string } },
  ctx: z.core.$RefinementCtx,
) {
  if (line.training.type !== 'pipeline') return;
  const { parameters } = line.training as PipelineTraining;
  const count = Object.keys(parameters).length;
  const tooMany = `has ${count} pipeline parameters, SageMaker takes at most ${MAX_PARAMETERS}`;
  if (count > MAX_PARAMETERS)
    ctx.addIssue({
      code: 'custom',
      path: ['training', 'parameters'],
      message: `model line "${String(line.name)}" ${tooMany}`,
    });
  for (const [name, value] of Object.entries(parameters)) {
    const shown = name.length > 21 ? `${name.slice(0, 21)}…` : name;
    const which = `pipeline parameter "${shown}" of model line "${String(line.name)}"`;
    const problem = (why: string) =>
      ctx.addIssue({ code: 'custom', path: ['training', 'parameters', name], message: `${which}: ${why}` });
    if (!PARAMETER_NAME.test(name)) problem('names are 1 to 256 letters, digits, "-" and "_"');
    if (value.length > MAX_PARAMETER_VALUE)
      problem(`its value has ${value.length} characters, SageMaker takes at most ${MAX_PARAMETER_VALUE}`);
  }
}

export type PipelineTraining = z.infer<typeof pipelineTraining>;
