#!/usr/bin/env node
// `npx shepherd`: the CLI runs from its TypeScript source through tsx, as `npm start` does.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs/api').register();
require('./main.ts').main();
