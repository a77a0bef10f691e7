// esbuild plugins of `serverless package` (custom.esbuild.plugins in serverless.yml), given the serverless instance.
'use strict';
const fs = require('node:fs');
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

/**
 * Leaves out of the bundle what the SDK imports only on demand (`import()`) and never in Lambda: the credential
 * providers past the first link of its default chain (Lambda gives a function its role's credentials in
 * AWS_ACCESS_KEY_ID…, read by that first link; see docs/toolchain.md) and event-stream support (no operation
 * Shepherd calls streams). About 100 KB of every function. Elsewhere (`serverless invoke local` with a profile)
 * the same `import()` finds them in node_modules. A static import of these is bundled as usual.
 */
const ON_DEMAND_ONLY = new RegExp(
  [
    '^@aws-sdk/credential-provider-(sso|ini|process|web-identity|http)$',
    '^@smithy/credential-provider-imds$',
    '^@smithy/core/event-streams$',
  ].join('|'),
);
const leaveOutOnDemand = {
  name: 'shepherd-leave-out-on-demand',
  setup(build) {
    build.onResolve({ filter: ON_DEMAND_ONLY }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * Writes what each bundle is made of (esbuild's metafile) to `esbuild-meta/<entry>.json`, beside the function zips
 * and outside them: the stack tests read it to check that a function carries only what it calls. The framework
 * builds in `.serverless` and moves the whole folder to `--package <dir>` when one is given.
 */
const writeMetafile = (serverless) => ({
  name: 'shepherd-metafile',
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      if (!result.metafile) return;
      const dir = path.join(serverless.serviceDir, '.serverless', 'esbuild-meta');
      for (const entry of [build.initialOptions.entryPoints].flat()) {
        const file = path.join(dir, `${String(entry).replace(/\.[cm]?[jt]s$/, '')}.json`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(result.metafile));
      }
    });
  },
});

module.exports = (serverless) => [embedConfig, leaveOutOnDemand, writeMetafile(serverless)];
