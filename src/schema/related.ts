import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../builder.ts';
import { badUserInput } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { MAX_PAGE_SIZE } from '../limits.ts';
import { relatedArticles } from '../search/related.ts';
import { linkPrefetch } from './article-links.ts';
import { articlesByIds, columnsOf } from './article-pages.ts';
import { pathKey } from './connections.ts';

const DEFAULT_RELATED = 5;

type ArticleRow = Prisma.ArticleGetPayload<object>;

// One loader per request and field path: a page of articles asks for their related articles in one batch, and loads
// them with the selection plugin-prisma planned for that path (two statements in all).
const loaders = createContextCache(() => new Map<string, DataLoader<number, ArticleRow[]>>());

builder.prismaObjectFields('Article', (t) => ({
  relatedArticles: t.prismaField({
    type: ['Article'],
    description:
      'Similar news: other articles, in any language, sharing persons, countries, events and tags with this one; ' +
      'a rare shared entity counts more than a common one; ties go to the article published nearest in time.',
    args: { first: t.arg.int({ defaultValue: DEFAULT_RELATED, description: `How many (default ${DEFAULT_RELATED}, at most ${MAX_PAGE_SIZE}).` }) },
    resolve: (query, article, args, context, info) => {
      const first = args.first ?? DEFAULT_RELATED;
      if (first < 0 || first > MAX_PAGE_SIZE) throw badUserInput(`relatedArticles(first:) must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
      const selection = { ...query }; // the same for every article of the path; the path's loader keeps the first
      const byPath = loaders(context);
      const path = pathKey(info.path);
      let loader = byPath.get(path);
      if (!loader) {
        const links = linkPrefetch(info, context);
        loader = new DataLoader(async (ids) => {
          // Only columns asked for: the ranking statement reads them and the link lists too; else Prisma loads the rows.
          const columns = columnsOf(selection);
          const related = columns ? await relatedArticles([...ids], first, columns, links) : await relatedArticles([...ids], first);
          const byId = columns ? undefined : new Map((await articlesByIds([...new Set(related.map((r) => r.id))], selection)).map((row) => [row.id, row]));
          return ids.map((id) => related.filter((r) => r.source === id).map(({ source: _, score: __, ...row }) => (byId ? byId.get(row.id as number)! : row) as ArticleRow));
        });
        byPath.set(path, loader);
      }
      return loader.load(article.id);
    },
  }),
}));
