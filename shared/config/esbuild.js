// esbuild plugins of `serverless package` (custom.esbuild.plugins in serverless.yml): the config compiled in, the SDK
// trimmed (./esbuild-sdk-trims.js), and each bundle's metafile kept.

const path = require('node:path');
const { compiled } = require('./serverless.js');
const sdkTrims = require('./esbuild-sdk-trims.js');

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

/** Each bundle's metafile by entry, kept until shared/config/metafiles.js writes them beside the zips. */
const metafiles = new Map();

/** Keeps what each bundle is made of (esbuild's metafile): the stack tests read it. */
const keepMetafile = {
  name: 'shepherd-metafile',
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      if (!result.metafile) return;
      for (const entry of [build.initialOptions.entryPoints].flat()) metafiles.set(String(entry), result.metafile);
    });
  },
};

module.exports = () => [embedConfig, ...sdkTrims, keepMetafile];
module.exports.metafiles = metafiles;
