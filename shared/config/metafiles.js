// A serverless plugin: writes each bundle's esbuild metafile (kept by shared/config/esbuild.js) to
// `<package dir>/esbuild-meta/<entry>.json`, beside the function zips and outside them, once the package is in place.
// Written then, not into `.serverless` while building: the framework moves that shared folder to `--package <dir>`
// at the end, and two packagings running at once in the project would take each other's files.

const fs = require('node:fs');
const path = require('node:path');
const { metafiles } = require('./esbuild.js');

class WriteMetafiles {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.hooks = { 'after:package:finalize': () => this.write() };
  }

  write() {
    const service = this.serverless.serviceDir;
    const packageDir = this.options.package || this.serverless.service.package.path || '.serverless';
    for (const [entry, metafile] of metafiles) {
      const file = path.resolve(service, packageDir, 'esbuild-meta', `${entry.replace(/\.[cm]?[jt]s$/, '')}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(metafile));
    }
  }
}

module.exports = WriteMetafiles;
