import { PothosValidationError } from '@pothos/core';
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { BULK_PAGE_SIZE, DEFAULT_PAGE_SIZE, bulkPageSize } from '../limits.ts';
import { Article } from './article.ts';

/** A row of the change log (see the ArticleChange model and the triggers of its migration). */
interface ArticleChangeRow {
  seq: string;
  xid: string;
  articleId: number;
  slug: string;
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  changedAt: Date;
  deletedAt: Date | null;
}

const CURSOR_PREFIX = 'AC:';

/** The feed cursor: the change's transaction id and sequence number, the order the feed follows. */
export function encodeChangeCursor(row: Pick<ArticleChangeRow, 'xid' | 'seq'>) {
  return Buffer.from(`${CURSOR_PREFIX}${row.xid}:${row.seq}`).toString('base64url');
}

function decodeChangeCursor(cursor: string) {
  const match = /^AC:(\d{1,20}):(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new PothosValidationError(`Invalid cursor: ${cursor}`);
  return { xid: match[1]!, seq: match[2]! };
}

/**
 * Changes after `after`, in (xid, seq) order, of transactions older than every transaction still running
 * (pg_snapshot_xmin): those have all ended, so a change that commits later always sorts after this page.
 */
function changesSql(after: string | null | undefined, limit: number) {
  const cursor = after ? decodeChangeCursor(after) : undefined;
  const afterCursor = cursor ? Prisma.sql`AND (c."xid", c."seq") > (${cursor.xid}::xid8, ${cursor.seq}::bigint)` : Prisma.empty;
  return Prisma.sql`SELECT c."seq"::text AS "seq", c."xid"::text AS "xid", c."articleId", c."slug", c."kind"::text AS "kind", c."changedAt", c."deletedAt"
    FROM "ArticleChange" c
    WHERE c."xid" < pg_snapshot_xmin(pg_current_snapshot()) ${afterCursor}
    ORDER BY c."xid", c."seq" LIMIT ${limit}`;
}

const ArticleChangeKind = builder.enumType('ArticleChangeKind', {
  description: 'What happened to an article.',
  values: {
    CREATED: { description: 'It entered the graph (or was restored after a deletion).' },
    UPDATED: { description: 'Its fields or its persons, countries, tags or events changed.' },
    DELETED: { description: 'It was deleted: the change is a tombstone (articleId, slug, deletedAt).' },
  },
});

const ArticleChange = builder.objectRef<ArticleChangeRow>('ArticleChange').implement({
  description: 'One change to an article, from the change feed.',
  fields: (t) => ({
    kind: t.field({ type: ArticleChangeKind, description: 'What happened.', resolve: (change) => change.kind }),
    changedAt: t.field({ type: 'DateTime', description: 'When the writing transaction started.', resolve: (change) => change.changedAt }),
    articleId: t.globalID({
      description: 'Global ID of the article (its `Article.id`), also when it was deleted.',
      resolve: (change) => ({ type: 'Article', id: String(change.articleId) }),
    }),
    slug: t.exposeString('slug', { description: 'The article slug at the time of the change.' }),
    deletedAt: t.field({ type: 'DateTime', nullable: true, description: 'For DELETED: when the article was deleted.', resolve: (change) => change.deletedAt }),
    article: t.prismaField({
      type: Article,
      nullable: true,
      description: 'The article as it is now (not as it was then); null when it has been deleted since. Applying the feed in order converges to the current graph.',
      // Prisma batches the findUnique calls of one tick into one query, so a page costs one statement for all its articles.
      resolve: async (query, change) => {
        const article = await prisma.article.findUnique({ ...query, select: { ...query.select, deletedAt: true }, where: { id: change.articleId } });
        return article?.deletedAt == null ? article : null;
      },
    }),
  }),
});

builder.queryFields((t) => ({
  articleChanges: t.connection(
    {
      type: ArticleChange,
      description:
        'The change feed: every creation, update and deletion of an article, oldest first, for keeping a copy in sync. ' +
        'Store `pageInfo.endCursor` (given even for an empty page) and pass it as `after` next time; a cursor stays valid across restarts. ' +
        'Changes of one transaction are contiguous; a change appears once every transaction that started before it has ended, so no cursor ever skips one. ' +
        `Pages hold up to ${BULK_PAGE_SIZE} changes; only \`first\`/\`after\` are supported.`,
      extensions: { maxPageSize: bulkPageSize },
      resolve: async (_root, args) => {
        if (args.last != null || args.before != null) throw new PothosValidationError('articleChanges pages forwards only: use first/after');
        const first = args.first ?? DEFAULT_PAGE_SIZE;
        if (first < 0) throw new PothosValidationError('"first" must not be negative');
        const rows = await prisma.$queryRaw<ArticleChangeRow[]>(changesSql(args.after, first + 1));
        const page = rows.slice(0, first);
        const edges = page.map((row) => ({ cursor: encodeChangeCursor(row), node: row }));
        return {
          edges,
          pageInfo: {
            hasNextPage: rows.length > first,
            hasPreviousPage: args.after != null,
            startCursor: edges[0]?.cursor ?? args.after ?? null,
            endCursor: edges.at(-1)?.cursor ?? args.after ?? null,
          },
          totalCount: async () => {
            const [count] = await prisma.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS "count" FROM (${changesSql(args.after, 2 ** 31 - 1)}) c`;
            return count!.count;
          },
        };
      },
    },
    { description: 'A page of the change feed.' },
    { description: 'One change of the feed.' },
  ),
}));
