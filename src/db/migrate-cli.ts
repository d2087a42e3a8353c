// CLI: `npm run db:migrate` migrates DATABASE_URL, or the dev server's embedded database.
import { DatabaseConfigError, openDefaultDatabase, runCli } from './default.ts';

await runCli(async () => {
  // A refused migration (a changed file, failing SQL) is reported like a bad configuration: one line, exit code 1.
  const database = await openDefaultDatabase().catch((error: unknown) => {
    throw error instanceof DatabaseConfigError ? error : new DatabaseConfigError(`migration failed: ${(error as Error).message}`);
  });
  const { applied, alreadyApplied } = database.migrations;
  for (const name of applied) console.log(`applied ${name}`);
  console.log(`${database.description}: ${applied.length} migration(s) applied, ${alreadyApplied.length} already applied`);
  await database.stop();
});
