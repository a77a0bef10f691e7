// A serverless plugin, listed after serverless-iam-roles-per-function: that plugin copies the framework's shared
// Lambda role into one role per function and leaves the original in the stack, assumable and unused. Least
// privilege means no role nothing needs, so once every function has its own, the shared one goes.

class DropUnusedRole {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.drop() };
  }

  drop() {
    const provider = this.serverless.getProvider('aws');
    const id = provider.naming.getRoleLogicalId();
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    if (!resources[id]) return;
    const { [id]: _role, ...others } = resources;
    // A Ref, a GetAtt or a DependsOn names it as a whole JSON string.
    if (JSON.stringify(others).includes(`"${id}"`)) return;
    delete resources[id];
    this.serverless.cli.log(`Removed ${id}: every function has a role of its own`);
  }
}

module.exports = DropUnusedRole;
