// A serverless plugin: removes the staging folders serverless-esbuild leaves in the OS temp folder. It copies each
// function's files into `<tmp>/<artifact>-<pid>-<ms>-<8 hex>` to zip them, and its clean-up removes that folder
// non-recursively, so the removal always fails on the files it holds and the failure is swallowed
// (floydspace/serverless-esbuild#589): every packaging left one folder a function behind, the bundle and its
// source map, about 17 MB a Shepherd package. Only this process's folders are named with its pid, so only they go.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const STAGING = /^(.+)-(\d+)-\d+-[0-9a-f]{8}$/;

class RemoveZipStaging {
  constructor(serverless) {
    this.serverless = serverless;
    const remove = () => this.remove();
    this.hooks = {
      'after:package:createDeploymentArtifacts': remove,
      'after:deploy:function:packageFunction': remove,
    };
  }

  /** The staging folders of this process: one per artifact, the functions' zips or the service's one. */
  left() {
    const service = this.serverless.service;
    const artifacts = new Set([...service.getAllFunctions(), service.service]);
    const ours = (name) => {
      const [, artifact, pid] = STAGING.exec(name) ?? [];
      return pid === String(process.pid) && artifacts.has(artifact);
    };
    const tmp = os.tmpdir();
    return fs
      .readdirSync(tmp)
      .filter(ours)
      .map((name) => path.join(tmp, name));
  }

  remove() {
    for (const folder of this.left()) fs.rmSync(folder, { recursive: true, force: true });
  }
}

module.exports = RemoveZipStaging;
