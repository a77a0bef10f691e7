// Variables that serverless.yml takes from shepherd.yml: `${file(./shared/config/serverless.js):<path>}`.
// Loading it validates the config, so an invalid shepherd.yml fails `serverless package` with its problems; the
// same validated config is what shared/config/esbuild.js compiles into every bundle.

const path = require('node:path');

let cached;
let variables;

/** The validated config and its warnings, read once per `serverless` run. */
function compiled() {
  if (cached) return cached;
  const tsx = require('tsx/cjs/api');
  const { configSource } = tsx.require('./source.ts', __filename);
  const file = process.env.SHEPHERD_CONFIG || path.join(__dirname, '..', '..', 'shepherd.yml');
  cached = configSource(file);
  for (const warning of cached.warnings) process.stderr.write(`shepherd.yml warning: ${warning}\n`);
  return cached;
}

module.exports = async () => {
  if (variables) return variables;
  const tsx = require('tsx/cjs/api');
  const { serverlessVariables } = tsx.require('./stack.ts', __filename);
  variables = serverlessVariables(compiled().config);
  return variables;
};
module.exports.compiled = compiled;
