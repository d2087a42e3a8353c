// Lambda handler that applies pending migrations to DATABASE_URL; invoke it once after each deploy. Idempotent.
import { fileURLToPath } from 'node:url';
import { migrate, type MigrateResult } from '../src/db/migrate.ts';
import { loadDatabaseUrl } from '../src/lambda/database-url.ts';
import { withLambdaLogging } from '../src/lambda/logging.ts';
import { logger } from '../src/logger.ts';

// prisma/migrations relative to this file: true for the source and for the bundle, which ships them at the same path.
const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
await loadDatabaseUrl(); // at init: DATABASE_URL from its SSM SecureString parameter

/** Applies the migrations not yet applied and returns `{ applied, alreadyApplied }` (directory names). */
export const handler = withLambdaLogging(async (): Promise<MigrateResult> => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const result = await migrate(url, { migrationsDir });
  logger.info('migrations done', { applied: result.applied, alreadyAppliedCount: result.alreadyApplied.length });
  return result;
});
