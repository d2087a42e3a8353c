// CLI: `npx tsx src/db/migrate-cli.ts` migrates DATABASE_URL, or the dev server's embedded database.
import { startEmbeddedDatabase } from './embedded.ts';
import { migrate } from './migrate.ts';
import { EMBEDDED_DATA_DIR } from '../settings.ts';

const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase({ dataDir: EMBEDDED_DATA_DIR });
const target = embedded ? `embedded database in ${EMBEDDED_DATA_DIR}` : 'DATABASE_URL';
try {
  const { applied, alreadyApplied } = await migrate(process.env.DATABASE_URL ?? embedded!.url);
  for (const name of applied) console.log(`applied ${name}`);
  console.log(`${target}: ${applied.length} migration(s) applied, ${alreadyApplied.length} already applied`);
} catch (error) {
  console.error(`${target}: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
