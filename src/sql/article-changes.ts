// The change feed of articles, written by the triggers of its migration, read in (xid, seq) order.
import { prisma } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';

/** A row of the change log (see the ArticleChange model). */
export interface ArticleChangeRow {
  seq: string;
  xid: string;
  articleId: number;
  slug: string;
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  changedAt: Date;
  deletedAt: Date | null;
}

/** A place in the feed: after the change `seq` of transaction `xid`. */
export type ChangePosition = Pick<ArticleChangeRow, 'xid' | 'seq'>;

/**
 * Changes after `after`, in (xid, seq) order, of transactions older than every transaction still running
 * (pg_snapshot_xmin): those have all ended, so a change that commits later always sorts after this page.
 */
function changesSql(after: ChangePosition | undefined, limit: number) {
  const afterCursor = after ? Prisma.sql`AND (c."xid", c."seq") > (${after.xid}::xid8, ${after.seq}::bigint)` : Prisma.empty;
  return Prisma.sql`SELECT c."seq"::text AS "seq", c."xid"::text AS "xid", c."articleId", c."slug", c."kind"::text AS "kind", c."changedAt", c."deletedAt"
    FROM "ArticleChange" c
    WHERE c."xid" < pg_snapshot_xmin(pg_current_snapshot()) ${afterCursor}
    ORDER BY c."xid", c."seq" LIMIT ${limit}`;
}

/** Up to `limit` changes after `after` (from the start without it). */
export function articleChanges(after: ChangePosition | undefined, limit: number): Promise<ArticleChangeRow[]> {
  return prisma.$queryRaw<ArticleChangeRow[]>(changesSql(after, limit));
}

/** How many changes follow `after`. */
export async function countArticleChanges(after: ChangePosition | undefined): Promise<number> {
  const [count] = await prisma.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS "count" FROM (${changesSql(after, 2 ** 31 - 1)}) c`;
  return count!.count;
}
