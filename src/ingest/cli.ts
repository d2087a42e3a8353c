// CLI: `npm run ingest -- FILE...` ingests raw article text files into DATABASE_URL, or into the dev
// server's embedded database (.data/pglite) when DATABASE_URL is unset. PGlite serves one process:
// stop the dev server (`npm start`) before ingesting into the embedded database.
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openDefaultDatabase, runCli } from '../db/default.ts';
import { UserInputError } from '../errors.ts';
import type { IngestResult, LinkWhy } from './ingest.ts';
import { EMBEDDED_DATA_DIR, INGEST_LIMITS } from '../settings.ts';

const USAGE = `usage: npm run ingest -- [--language CODE] [--source-url URL] FILE...
  Ingests each FILE (UTF-8 article text) and prints what it linked. --source-url needs exactly one FILE.
  Without DATABASE_URL it writes to the embedded database in ${EMBEDDED_DATA_DIR} (not while the dev server runs).`;

/** The file's text; UserInputError when it is too large, binary or not UTF-8. */
async function readArticleFile(file: string): Promise<string> {
  const { size } = await stat(file);
  if (size > INGEST_LIMITS.maxBytes) throw new UserInputError(`the file is too large: ${size} bytes (at most ${INGEST_LIMITS.maxBytes})`);
  const bytes = await readFile(file);
  if (bytes.includes(0)) throw new UserInputError('the file contains NUL bytes: binary data, not article text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserInputError('the file is not UTF-8 text');
  }
}

function report(file: string, result: IngestResult): string {
  const { article } = result;
  const list = (items: string[]) => (items.length ? items.join(', ') : '(none)');
  // Each link with the words that caused it, so an editor can review it: "Bola Tinubu ×3 (new) ← President Bola Tinubu | Tinubu".
  const why = (link: LinkWhy, detail = link.reason) => `\n      ${detail}${link.source === 'INGEST' ? '' : ` [kept: ${link.source.toLowerCase()}]`} ← ${link.words.join(' | ')}`;
  return [
    `${file}: ${result.action} ${article.slug} (version ${article.version}, ${article.language}, published ${article.publishedAt.toISOString()}, updated ${article.updatedAt?.toISOString() ?? 'unknown'})`,
    ...(result.dateNote ? [`  date:      ${result.dateNote}`] : []),
    `  persons:   ${list(result.persons.map((p) => `${p.person.name} ×${p.mentions}${p.created ? ' (new, unreviewed)' : ''}`))}${result.persons.map((p) => why(p, p.person.name)).join('')}`,
    `  countries: ${list(result.countries.map((c) => `${c.country.code} ×${c.mentions}`))}${result.countries.map((c) => why(c, c.country.code)).join('')}`,
    `  events:    ${list(result.events.map((e) => e.event.slug))}${result.events.map((e) => why(e, `${e.event.slug}: ${e.reason}`)).join('')}`,
    `  tags:      ${list(result.tags.map((t) => t.tag.slug))}`,
  ].join('\n');
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { language: { type: 'string' }, 'source-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals: files } = args;
  if (values.help || !files.length || (values['source-url'] && files.length > 1)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }

  // Every file is read before the database opens (starting and migrating the embedded one takes seconds).
  const texts = new Map<string, string>();
  let failures = 0;
  for (const file of files) {
    try {
      texts.set(file, await readArticleFile(file));
    } catch (error) {
      failures += 1;
      const expected = error instanceof UserInputError || ['ENOENT', 'EISDIR', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '');
      console.error(`${file}: ${expected ? '' : 'unexpected error: '}${(error as Error).message}`);
    }
  }
  if (texts.size === 0) {
    console.log(`0 of ${files.length} file(s) ingested`);
    return 1;
  }

  // Same first-start state as the dev server, so the two agree on what the embedded database holds.
  const { seed } = await import('../../prisma/seed.ts');
  const database = await openDefaultDatabase({ seedEmpty: seed, onSeeded: () => console.log('loaded the sample data into the new embedded database') });
  if (database.embedded) console.log(database.description);
  // The client module reads DATABASE_URL when first imported, so it comes after the database is open.
  const { prisma } = await import('../db/client.ts');
  try {
    const { ingestArticle } = await import('./ingest.ts');
    for (const [file, text] of texts) {
      try {
        console.log(report(file, await ingestArticle(prisma, { text, sourceUrl: values['source-url'], language: values.language })));
      } catch (error) {
        failures += 1;
        console.error(`${file}: ${error instanceof UserInputError ? '' : 'unexpected error: '}${(error as Error).message}`);
      }
    }
  } finally {
    await prisma.$disconnect();
    await database.stop(); // PGlite must close cleanly, or its data directory needs recovery next time
  }
  console.log(`${files.length - failures} of ${files.length} file(s) ingested`);
  return failures ? 1 : 0;
}

await runCli(main);
