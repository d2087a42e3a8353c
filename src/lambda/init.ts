// Work that the first request of a container would otherwise wait for, done in Lambda's init phase instead (the
// handler module awaits it at top level): with provisioned concurrency that phase runs before any traffic arrives.
import { prisma } from '../db/client.ts';
import { countriesByCode } from '../sql/countries.ts';
import { logger } from '../logger.ts';

/** How long init waits for the database: a database that is down must not hold the container back (requests get 503). */
const INIT_DATABASE_BUDGET_MS = 2_000;

/**
 * Opens the container's database connection by reading the countries, which nearly every article list shows (they stay
 * cached for the next minutes). Provisioned concurrency initialises containers before any traffic, so there it also
 * loads Prisma's query compiler (entity pages, writes); an on-demand cold start leaves that to the first request that
 * needs it, and one that reads articles only (the feed, an article page) never waits for it. Never throws: a failure is
 * logged, and the first request meets the fault itself.
 */
export async function initContainer(initializationType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE): Promise<void> {
  const started = performance.now();
  const warmPrisma = initializationType === 'provisioned-concurrency';
  const work = Promise.all([countriesByCode([]), warmPrisma && prisma.country.findFirst({ select: { code: true } })]).then(
    () => 'ready' as const,
    (error: unknown) => {
      logger.warn('database not ready at init', { error: String(error) });
      return 'failed' as const;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([work, new Promise<'timed out'>((resolve) => (timer = setTimeout(resolve, INIT_DATABASE_BUDGET_MS, 'timed out')))]);
  clearTimeout(timer);
  logger.debug('container initialised', { outcome, warmPrisma, durationMs: Math.round(performance.now() - started) });
}
