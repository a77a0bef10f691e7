// `npm run validate-config [file]`: prints every problem of a config file, or a one-line summary; exit 1 when invalid.
import { ConfigError, configPath, loadConfig } from './load';
import { configWarnings } from './schema';

const file = process.argv[2] ?? configPath();
try {
  const config = loadConfig(file);
  console.log(`${file}: ${config.models.length} model line(s) valid: ${config.models.map((m) => m.name).join(', ')}`);
  for (const w of configWarnings(config)) console.warn(`warning: ${w}`);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
