// The change feed of articles (`articleChanges`): its cursor, its page and each change. The SQL is in src/sql/article-changes.ts.
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { UserInputError } from '../errors.ts';
import { DEFAULT_PAGE_SIZE, ROLE_MAX_PAGE_SIZE } from '../settings.ts';
import { type ArticleChangeRow, type ChangePosition, articleChanges, countArticleChanges } from '../sql/article-changes.ts';
import { Article } from './article.ts';

const CURSOR_PREFIX = 'AC:';

/** The feed cursor: the change's transaction id and sequence number, the order the feed follows. */
export function encodeChangeCursor(row: ChangePosition) {
  return Buffer.from(`${CURSOR_PREFIX}${row.xid}:${row.seq}`).toString('base64url');
}

function decodeChangeCursor(cursor: string): ChangePosition {
  const match = /^AC:(\d{1,20}):(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new UserInputError(`Invalid cursor: ${cursor}`, 'after');
  return { xid: match[1]!, seq: match[2]! };
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
        `Pages hold up to ${ROLE_MAX_PAGE_SIZE.analytics} changes; only \`first\`/\`after\` are supported.`,
      resolve: async (_root, args) => {
        if (args.last != null || args.before != null) throw new UserInputError('articleChanges pages forwards only: use first/after', args.last != null ? 'last' : 'before');
        const first = args.first ?? DEFAULT_PAGE_SIZE;
        if (first < 0) throw new UserInputError('"first" must not be negative', 'first');
        const after = args.after ? decodeChangeCursor(args.after) : undefined;
        const rows = await articleChanges(after, first + 1);
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
          totalCount: () => countArticleChanges(after),
        };
      },
    },
    { description: 'A page of the change feed.' },
    { description: 'One change of the feed.' },
  ),
}));
