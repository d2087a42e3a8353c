import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { badUserInput } from '../errors.ts';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { relatedArticles } from '../search/related.ts';
import { Article } from './article.ts';

const DEFAULT_RELATED = 5;

builder.prismaObjectFields('Article', (t) => ({
  relatedArticles: t.loadableList({
    type: Article,
    description:
      'Similar news: other articles, in any language, sharing persons, countries, events and tags with this one; ' +
      'a rare shared entity counts more than a common one; ties go to the article published nearest in time.',
    args: { first: t.arg.int({ defaultValue: DEFAULT_RELATED, description: `How many (default ${DEFAULT_RELATED}, at most ${MAX_PAGE_SIZE}).` }) },
    // One loader per field path: a page of articles asks for their related articles in one batch.
    byPath: true,
    load: async (ids: number[], _ctx, args) => {
      const first = args.first ?? DEFAULT_RELATED;
      if (first < 0 || first > MAX_PAGE_SIZE) throw badUserInput(`relatedArticles(first:) must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
      const related = await relatedArticles(prisma, ids, first);
      const rows = await prisma.article.findMany({ where: { id: { in: [...new Set(related.map((r) => r.id))] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => related.filter((r) => r.source === id).map((r) => byId.get(r.id)!));
    },
    resolve: (article) => article.id,
  }),
}));
