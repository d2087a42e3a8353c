// API keys for each role, configured for the test process, and the headers that present them.
import type { Role } from '../../src/auth.ts';

const KEYS = { editor: 'editor-key-for-tests', otherEditor: 'second-editor-key-for-tests', analytics: 'analytics-key-for-tests' };
process.env.EDITOR_API_KEYS = `${KEYS.editor},${KEYS.otherEditor}`;
process.env.ANALYTICS_API_KEYS = KEYS.analytics;

/** Request headers of a caller with each role (anonymous sends none). */
export const as: Record<Role, Record<string, string>> & { otherEditor: Record<string, string> } = {
  anonymous: {},
  analytics: { authorization: `Bearer ${KEYS.analytics}` },
  editor: { authorization: `Bearer ${KEYS.editor}` },
  otherEditor: { authorization: `Bearer ${KEYS.otherEditor}` },
};

/** Row counts of every table editors write to. */
export async function rowCounts(prisma: { [model: string]: unknown }) {
  const models = ['article', 'person', 'tag', 'event', 'articlePerson', 'articleCountry', 'articleTag', 'articleEvent', 'eventParticipant', 'eventCountry', 'idempotencyKey'];
  const counts = await Promise.all(models.map((model) => (prisma[model] as { count(): Promise<number> }).count()));
  return Object.fromEntries(models.map((model, i) => [model, counts[i]]));
}

/** Sum of the versions of every versioned row: any write raises it. */
export async function versionSum(prisma: { $queryRawUnsafe(sql: string): Promise<unknown> }) {
  const [row] = (await prisma.$queryRawUnsafe(
    'SELECT (SELECT COALESCE(SUM(version), 0) FROM "Article") + (SELECT COALESCE(SUM(version), 0) FROM "Person") + (SELECT COALESCE(SUM(version), 0) FROM "Tag") + (SELECT COALESCE(SUM(version), 0) FROM "Event") AS total',
  )) as { total: bigint | number }[];
  return Number(row!.total);
}
