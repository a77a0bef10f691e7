// zod/mini, not zod's classic `z`, at runtime: the same checks and messages, but tree-shakeable, so a function
// bundle carries only the checks it uses (about 30 KB, where the classic namespace brings 440 KB and every locale).
// The config schema, which only `serverless package`, the CLI and the local cloud run, keeps the classic API.
//
// Import this module for its effect, and zod/mini itself as a namespace used only through its members
// (`z.string()`): a namespace passed on as a value would keep all of zod, locales included, in the bundle.
import { config } from 'zod/mini';
import { en } from 'zod/locales';

// The English messages the classic API uses by default: zod/mini loads no locale of its own.
config(en());
