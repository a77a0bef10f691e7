// esbuild plugins of `serverless package` (custom.esbuild.plugins in serverless.yml).
'use strict';
const path = require('node:path');
const { compiled } = require('./serverless.js');

const SOURCE = path.join(__dirname, 'source.ts');

/**
 * Compiles the validated config into the bundle: shared/config/source.ts, which reads and validates shepherd.yml,
 * becomes the config `serverless package` validated. No YAML parser and no schema ride along, and the config a
 * function runs with is the one that passed.
 */
const embedConfig = {
  name: 'shepherd-embed-config',
  setup(build) {
    build.onLoad({ filter: /[\\/]config[\\/]source\.ts$/ }, (args) => {
      if (path.resolve(args.path) !== SOURCE) return undefined;
      const { config, warnings } = compiled();
      const contents = `export const configSource = () => (${JSON.stringify({ config, warnings })});`;
      return { contents, loader: 'js' };
    });
  },
};

module.exports = () => [embedConfig];
