// Patterns and limits of the SageMaker service model (2017-07-24), as AWS prints them in validation messages.

/** A pattern as the service model spells it (shown in messages), and the regular expression that applies it. */
export interface Pattern {
  shown: string;
  regex: RegExp;
}

export const pattern = (source: string, test = source): Pattern => ({
  shown: `^${source}`,
  regex: new RegExp(`^(?:${test})$`, 'u'),
});

/** Patterns and limits from the SageMaker service model (2017-07-24). */
export const P = {
  entityName: pattern('[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}'),
  arnOrName: pattern(
    '(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)',
  ),
  versionedArnOrName: pattern(
    '(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?' +
      '([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)(\\/[0-9]{1,9})?',
  ),
  roleArn: pattern('arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+'),
  s3Uri: pattern('(https|s3)://([^/]+)/?(.*)'),
  kmsKeyId: pattern('[a-zA-Z0-9:/_-]*'),
  channelName: pattern('[A-Za-z0-9\\.\\-_]+'),
  tag: pattern('([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)'),
  // The model writes `…*)${1,128}`, which no regular expression engine takes literally; the intent is the class.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a regex quantifier from the service model, not a template
  metadataKey: pattern('([\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*)${1,128}', '([\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*)'),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a regex quantifier from the service model, not a template
  metadataValue: pattern('([\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*)${1,256}', '([\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*)'),
  description: pattern('[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*'),
  // `.` in the Java patterns AWS validates with matches no line terminator; JavaScript's `.` does match U+0085.
  anyLine: pattern('.*', '[^\\n\\r\\u0085\\u2028\\u2029]*'),
  clientToken: pattern('[a-zA-Z0-9-]+'),
  nameContains: pattern('[a-zA-Z0-9\\-]+'),
  pipelineName: pattern('[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}'),
  pipelineNameOrArn: pattern(
    '(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:([0-9]{12}|aws):pipeline/.*)?([a-zA-Z0-9](-*[a-zA-Z0-9]){0,255})',
  ),
  pipelineExecutionName: pattern('[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}'),
  pipelineExecutionArn: pattern('arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:pipeline\\/.*\\/execution\\/.*'),
  pipelineParameterName: pattern('[A-Za-z0-9\\-_]*'),
  modelPackageArn: pattern('arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]{9,16}:[0-9]{12}:model-package/[\\S]{1,2048}'),
  resourceArn: pattern('arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+'),
  // Hosting and Neo (API reference: DescribeModel, ContainerDefinition, VpcConfig, InputConfig, ListNotebookInstances).
  modelName: pattern('[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?'),
  image: pattern('[\\S]{1,255}'),
  environmentKey: pattern('[a-zA-Z_][a-zA-Z0-9_]*'),
  vpcId: pattern('[-0-9a-zA-Z]+'),
  frameworkVersion: pattern('[0-9]\\.[A-Za-z0-9.-]+'),
  codeRepository: pattern(
    'https://([^/]+)/?(.*)$|^[a-zA-Z0-9](-*[a-zA-Z0-9])*',
    'https://([^/]+)/?(.*)|[a-zA-Z0-9](-*[a-zA-Z0-9])*',
  ),
} as const;
