// Stack traces of a bundled function that lead to the TypeScript source, paid for only when one is printed.
// `--enable-source-maps` reads and parses the bundle's map at every cold start, before the handler runs
// (docs/toolchain.md); here the map beside the bundle is read the first time a stack trace is formatted.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';

const header = (error: Error): string => {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
};

// The map names sources relative to the build folder: `../../../shared/aws/sagemaker.ts` → `shared/aws/sagemaker.ts`.
const relative = (source: string) => source.replace(/^(\.\.?\/)+/, '');

function frame(callSite: NodeJS.CallSite, bundle: string, map: SourceMap | undefined): string {
  const text = String(callSite);
  const [file, line, column] = [callSite.getFileName(), callSite.getLineNumber(), callSite.getColumnNumber()];
  if (!map || file !== bundle || !line || !column) return text;
  const origin = map.findEntry(line - 1, column - 1) as Partial<SourceMapping>;
  if (origin.originalSource === undefined || origin.originalLine === undefined) return text;
  const source = `${relative(origin.originalSource)}:${origin.originalLine + 1}:${(origin.originalColumn ?? 0) + 1}`;
  return text.replace(`${file}:${line}:${column}`, source);
}

/**
 * Formats stack traces with the source positions of `<bundle>.map`, when the bundle has one (a packaged function;
 * run from source, tsx and Jest map traces themselves). A map that cannot be read leaves traces as they are.
 */
export function mapStackTraces(bundle: string = __filename): void {
  if (process.sourceMapsEnabled || !existsSync(`${bundle}.map`)) return;
  let map: SourceMap | undefined | null;
  const load = () => {
    try {
      return new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
    } catch {
      return null;
    }
  };
  Error.prepareStackTrace = (error, callSites) => {
    map ??= load();
    return `${header(error)}${callSites.map((c) => `\n    at ${frame(c, bundle, map ?? undefined)}`).join('')}`;
  };
}
