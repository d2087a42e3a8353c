import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** The process-wide structured logger (JSON lines; LOG_LEVEL honoured). */
export const logger = new Logger({ serviceName: 'newsgraph' });

/** The process-wide CloudWatch metrics, printed as EMF lines (Lambda ships them to CloudWatch); see metricsEnabled(). */
export const metrics = new Metrics({ namespace: 'newsgraph', serviceName: 'newsgraph' });

const sourceMaps = new Map<string, SourceMap | null>();

/** The source map beside a bundle (`<file>.map`), read on first use; null when there is none. */
function sourceMapOf(file: string): SourceMap | null {
  if (!sourceMaps.has(file)) {
    try {
      sourceMaps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
    } catch {
      sourceMaps.set(file, null);
    }
  }
  return sourceMaps.get(file)!;
}

/**
 * A stack trace with the bundle's positions (`graphql.mjs:1:40213`) turned into source positions (`src/x.ts:12:5`).
 * Node does this itself only with --enable-source-maps, which parses every map at startup (and slows every stack
 * trace); this reads a bundle's map when the first error is logged. Stacks of unbundled code come back unchanged.
 */
export function sourceMappedStack(stack: string): string {
  return stack.replace(/((?:file:\/\/)?\/[^\s()]+\.mjs):(\d+):(\d+)/g, (frame, file: string, line: string, column: string) => {
    const map = sourceMapOf(file.startsWith('file:') ? fileURLToPath(file) : file);
    const entry = map?.findEntry(Number(line) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!entry?.originalSource) return frame;
    return `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}`;
  });
}

/** An error as a log attribute: name, message, source-mapped stack, and its cause the same way. */
export function describeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 4) return error;
  const { name, message, stack, cause } = error;
  return { name, message, stack: stack && sourceMappedStack(stack), ...(cause === undefined ? {} : { cause: describeError(cause, depth + 1) }) };
}
