// esbuild plugins that trim what the AWS SDK brings into a bundle and no Shepherd function reaches in Lambda (listed
// with the others in ./esbuild.js). Each says what it leaves out and why that is safe.

const { readFile } = require('node:fs/promises');
const path = require('node:path');

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
 * The SDK clients import their whole package.json for one field, `version`, which goes into the user agent (about
 * 2 KB a client, five to seven clients a function). The bundle gets the name and the version alone.
 */
const versionOnly = {
  name: 'shepherd-package-version-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

/**
 * `@aws-sdk/lib-dynamodb` declares no `sideEffects` in its package.json, though none of its modules has any: esbuild
 * then keeps every command class it defines (each `class … extends` could run code), used or not. Saying so for it
 * alone lets the bundle keep the commands Shepherd sends.
 */
const LIB_DYNAMODB = /[\\/]node_modules[\\/]@aws-sdk[\\/]lib-dynamodb[\\/]/;
const libDynamoDbPure = {
  name: 'shepherd-lib-dynamodb-pure',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'shepherd-lib-dynamodb-pure' || args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('@aws-sdk/lib-dynamodb') && !LIB_DYNAMODB.test(args.importer)) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'shepherd-lib-dynamodb-pure',
      });
      if (resolved.errors.length > 0 || !LIB_DYNAMODB.test(resolved.path)) return undefined;
      return { path: resolved.path, external: resolved.external, sideEffects: false };
    });
  },
};

/**
 * The SDK clients describe their operations' shapes as arrays in `schemas/schemas_0.js`, which esbuild drops when no
 * command of the bundle reaches them, unless they hold a computed key: traits such as `{ [_hH]: _xarc }` (an HTTP
 * header binding) name their key by a module constant, and esbuild keeps any object literal with a computed key, as
 * converting the key to a string could run code. Every REST client's shapes carry such keys (S3's, about 65 KB, stay
 * whole for one GetObject). The keys are string constants of the same module: written as the strings they hold, the
 * shapes are plain literals and go when unused.
 */
const SCHEMAS = /[\\/]node_modules[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;
const literalTraitKeys = {
  name: 'shepherd-literal-trait-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMAS }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const strings = new Map();
      for (const [, name, value] of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)) strings.set(name, value);
      const contents = source.replace(/\[(_\w+)\]:/g, (key, name) =>
        strings.has(name) ? `[${strings.get(name)}]:` : key,
      );
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/**
 * The DynamoDB client builds an endpoint cache for endpoint discovery when it is constructed, though none of its
 * commands discovers endpoints (the SDK's DynamoDB commands attach no discovery step); the cache holds its entries in
 * mnemonist's LRU cache, which brings obliterator (about 7 KB a function). The bundle gets the LRU cache
 * shared/config/lru-cache.js instead, the part of mnemonist's that the endpoint cache uses, on a Map.
 */
const LRU_CACHE = path.join(__dirname, 'lru-cache.js');
const ENDPOINT_CACHE = /[\\/]node_modules[\\/]@aws-sdk[\\/]endpoint-cache[\\/]/;
const smallLruCache = {
  name: 'shepherd-small-lru-cache',
  setup(build) {
    build.onResolve({ filter: /^mnemonist\/lru-cache$/ }, (args) =>
      ENDPOINT_CACHE.test(args.importer) ? { path: LRU_CACHE } : undefined,
    );
  },
};

/**
 * Fallbacks of @smithy/core that a Shepherd function never reaches in Lambda, each in every bundle (about 8 KB): the
 * SHA-256 in JavaScript for a Node.js without the native one (`Sha256Node` takes node:crypto's whenever it hashes
 * SHA-256, as every Lambda Node.js runtime does), the adaptive retry strategy with its rate limiter, built only for
 * a client given no retry strategy in `AWS_RETRY_MODE=adaptive` (every client of a function gets one: retrying() in
 * shared/aws/retry.ts), and the region asked of the EC2 instance metadata service, which a client asks only when no
 * AWS_REGION is set (Lambda sets it in every function) or, in the defaults mode `auto` that no client here is given,
 * when AWS_EXECUTION_ENV is unset. Each is replaced by one that says so if it is ever built or called.
 */
const UNREACHED = [
  {
    importer: /[\\/]checksum[\\/]sha256[\\/]Sha256Node\.js$/,
    paths: ['./Sha256Js'],
    name: 'Sha256Js',
    why: 'this Node.js has no native SHA-256 (node:crypto), and the bundle leaves out the JavaScript one',
  },
  {
    importer: /[\\/]retry[\\/]middleware-retry[\\/]configurations\.js$/,
    paths: ['../util-retry/AdaptiveRetryStrategy'],
    name: 'AdaptiveRetryStrategy',
    why: 'a client was built without retrying() (shared/aws/retry.ts) in adaptive retry mode, which is not bundled',
  },
  {
    importer: /[\\/](regionConfig[\\/]config|defaults-mode[\\/]resolveDefaultsModeConfig)\.js$/,
    paths: ['./getInstanceMetadataRegion', '../config-resolver/regionConfig/getInstanceMetadataRegion'],
    name: 'getInstanceMetadataRegion',
    function: true,
    why: 'no AWS_REGION is set, and the bundle leaves out asking the instance metadata service for the region',
  },
];
const leaveOutUnreached = {
  name: 'shepherd-leave-out-unreached',
  setup(build) {
    build.onResolve({ filter: /(Sha256Js|AdaptiveRetryStrategy|getInstanceMetadataRegion)$/ }, (args) => {
      const unreached = UNREACHED.find((u) => u.paths.includes(args.path) && u.importer.test(args.importer));
      return unreached ? { path: unreached.name, namespace: 'shepherd-unreached', pluginData: unreached } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'shepherd-unreached' }, ({ pluginData: { name, why, function: fn } }) => {
      const fail = `throw new Error(${JSON.stringify(`${name}: ${why}`)});`;
      const contents = fn
        ? `export const ${name} = async () => { ${fail} };`
        : `export class ${name} { constructor() { ${fail} } }`;
      return { contents, loader: 'js' };
    });
  },
};

module.exports = [leaveOutOnDemand, versionOnly, libDynamoDbPure, literalTraitKeys, smallLruCache, leaveOutUnreached];
