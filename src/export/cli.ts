// `npm run export -- --endpoint URL --tag SLUG [--since CURSOR] --format ndjson|csv --out FILE`
// Streams every article of a tag from a newsgraph GraphQL endpoint to a file; prints the cursor to resume from.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ExportInterrupted, exportTagArticles } from './export.ts';

const USAGE = 'usage: npm run export -- --endpoint URL --tag SLUG --api-key KEY [--since CURSOR] [--format ndjson|csv] --out FILE [--page-size N] [--retries N] [--retry-delay MS]\n  --api-key defaults to NEWSGRAPH_API_KEY; the export needs an analytics key.';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      tag: { type: 'string' },
      since: { type: 'string' },
      format: { type: 'string', default: 'ndjson' },
      out: { type: 'string' },
      'page-size': { type: 'string', default: '1000' },
      'api-key': { type: 'string', default: process.env.NEWSGRAPH_API_KEY },
      retries: { type: 'string', default: '5' },
      'retry-delay': { type: 'string', default: '500' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (!values.endpoint || !values.tag || !values.out) fail('--endpoint, --tag and --out are required');
if (values.format !== 'ndjson' && values.format !== 'csv') fail(`--format must be ndjson or csv, not ${values.format}`);
const pageSize = Number(values['page-size']);
if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) fail('--page-size must be between 1 and 1000');
// Bulk pulls read bookkeeping fields (version, modifiedAt) that only analytics keys see: say so before any request.
if (!values['api-key']) fail('The export needs an analytics API key: pass --api-key KEY or set NEWSGRAPH_API_KEY.');

// Ctrl-C or a SIGTERM stops after the page being written, so the printed cursor resumes right after what the file holds.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

const bar = new cliProgress.SingleBar(
  { stream: process.stderr, format: '{bar} {value}/{total} articles | {rate}/s | {eta_formatted} left', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
const started = performance.now();
let barStarted = false;

try {
  const result = await exportTagArticles({
    endpoint: values.endpoint,
    tag: values.tag,
    since: values.since,
    format: values.format,
    out: values.out,
    pageSize,
    apiKey: values['api-key'],
    signal: stop.signal,
    onPageSize: (size, reason) => process.stderr.write(`\npages of ${size} articles from now on (${reason})\n`),
    retry: {
      attempts: Number(values.retries) + 1,
      delayMs: Number(values['retry-delay']),
      onRetry: (reason, attempt) => process.stderr.write(`\nretrying after ${reason} (retry ${attempt} of ${values.retries})\n`),
    },
    onPage: (exported, total) => {
      const rate = Math.round(exported / ((performance.now() - started) / 1000));
      if (!barStarted) bar.start(Math.max(total, exported), 0, { rate });
      barStarted = true;
      bar.setTotal(Math.max(total, exported));
      bar.update(exported, { rate });
    },
  });
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`${result.exported} articles in ${seconds.toFixed(1)} s; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
  process.stdout.write(`Exported ${result.exported} article${result.exported === 1 ? '' : 's'} to ${values.out}. Resume with: --since ${result.cursor ?? ''}\n`);
} catch (error) {
  bar.stop();
  if (!(error instanceof ExportInterrupted)) throw error;
  const resume = error.result.cursor ? ` Resume with: --since ${error.result.cursor}` : '';
  const reason = error.code === 'UNAUTHENTICATED' ? 'the server did not accept the API key (UNAUTHENTICATED): check --api-key or NEWSGRAPH_API_KEY' : error.message.replace(/\.$/, '');
  process.stderr.write(stop.signal.aborted ? `\nExport interrupted after ${error.result.exported} articles.${resume}\n` : `Export stopped after ${error.result.exported} articles: ${reason}.${resume}\n`);
  process.exit(stop.signal.aborted ? 130 : 1);
}
