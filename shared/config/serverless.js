// Variables that serverless.yml takes from shepherd.yml: `${file(./shared/config/serverless.js):<path>}`.
// Loading it validates the config, so an invalid shepherd.yml fails `serverless package` with its problems.
'use strict';
const path = require('node:path');

let cached;

function load() {
  if (cached) return cached;
  const tsx = require('tsx/cjs/api');
  const { loadConfig } = tsx.require('./load.ts', __filename);
  const { configWarnings } = tsx.require('./schema.ts', __filename);
  const { serverlessVariables } = tsx.require('./stack.ts', __filename);
  const file = process.env.SHEPHERD_CONFIG || path.join(__dirname, '..', '..', 'shepherd.yml');
  const config = loadConfig(file);
  for (const warning of configWarnings(config)) process.stderr.write(`shepherd.yml warning: ${warning}\n`);
  cached = serverlessVariables(config);
  return cached;
}

module.exports = async () => load();
