import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { GraphQLRequestError, graphqlRequest, type RetryOptions } from './client.ts';

/** What to export and where. */
export interface ExportOptions {
  endpoint: string;
  tag: string;
  /** Cursor printed by an earlier run: continue after it, appending to `out`. */
  since?: string;
  format: 'ndjson' | 'csv';
  out: string;
  /** Articles a page; lowered to what the server allows the caller when it refuses more. */
  pageSize: number;
  /** Sent as `Authorization: Bearer <key>`: an analytics key allows pages of 1,000. */
  apiKey?: string;
  retry: RetryOptions;
  /** Called after each page is written, with the running total and the tag's article count. */
  onPage?: (exported: number, total: number) => void;
}

/** Where an export ended: articles written by this run and the cursor to resume after them. */
export interface ExportResult {
  exported: number;
  cursor: string | null;
}

/** An export that stopped early; `cursor` resumes after the last article written. */
export class ExportInterrupted extends Error {
  constructor(message: string, readonly result: ExportResult) {
    super(message);
  }
}

const QUERY = /* GraphQL */ `
  query ExportTagArticles($tag: String!, $first: Int!, $after: String, $withCount: Boolean!) {
    tag(slug: $tag) {
      articles(orderBy: ID_ASC, first: $first, after: $after) {
        totalCount @include(if: $withCount)
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id slug language title summary publishedAt updatedAt modifiedAt version sourceName sourceUrl body
            tags(first: 40) { pageInfo { hasNextPage } edges { node { slug } } }
          }
        }
      }
    }
  }
`;

interface ExportedArticle {
  [column: string]: unknown;
  tags: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: { slug: string } }> };
}
interface Page {
  tag: null | {
    articles: { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: ExportedArticle }> };
  };
}

/** Columns of a CSV export, in order; NDJSON lines carry the same keys. */
export const COLUMNS = ['id', 'slug', 'language', 'title', 'summary', 'publishedAt', 'updatedAt', 'modifiedAt', 'version', 'sourceName', 'sourceUrl', 'tags', 'body'];

function flatten(article: ExportedArticle) {
  // 40 tags a row keeps a 1,000-article page within an analytics key's cost budget; more would be lost silently.
  if (article.tags.pageInfo.hasNextPage) throw new Error(`article ${String(article.slug)} has more than 40 tags, which the export cannot carry`);
  return { ...article, tags: article.tags.edges.map((edge) => edge.node.slug) };
}

function render(articles: ExportedArticle[], format: ExportOptions['format'], header: boolean) {
  const rows = articles.map(flatten);
  if (format === 'ndjson') return rows.map((row) => `${JSON.stringify(row, COLUMNS)}\n`).join('');
  return stringify(
    rows.map((row) => ({ ...row, tags: row.tags.join(' ') })),
    { header, columns: COLUMNS },
  );
}

/**
 * Pulls every article of a tag page by page (id order, keyset pages) and appends each page to `out` before
 * asking for the next, so memory stays flat and the returned cursor always resumes right after what was written.
 */
export async function exportTagArticles(options: ExportOptions): Promise<ExportResult> {
  const appending = options.since != null;
  const fileHasData = appending && (await stat(options.out).then((s) => s.size > 0, () => false));
  const out = createWriteStream(options.out, { flags: appending ? 'a' : 'w' });
  const result: ExportResult = { exported: 0, cursor: options.since ?? null };
  let total = 0;
  try {
    const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
    let pageSize = options.pageSize;
    const request = (after: string | null, withCount: boolean): Promise<Page> =>
      graphqlRequest<Page>(options.endpoint, QUERY, { tag: options.tag, first: pageSize, after, withCount }, options.retry, headers).catch((error: unknown) => {
        // Without an analytics key the server allows smaller pages and says how large: go on at that size.
        const allowed = error instanceof GraphQLRequestError ? Number(error.extensions.maxPageSize) : Number.NaN;
        if (allowed > 0 && allowed < pageSize) {
          pageSize = allowed;
          return request(after, withCount);
        }
        throw error;
      });
    const fetchPage = (after: string | null, first: boolean) =>
      request(after, first).catch((error: unknown) => {
        throw new ExportInterrupted(error instanceof Error ? error.message : String(error), result); // read when thrown: by then it holds every page written
      });
    let next: Promise<Page> | undefined = fetchPage(result.cursor, true);
    for (let page = 0; next; page += 1) {
      const data: Page = await next;
      if (!data.tag) throw new ExportInterrupted(`No tag has the slug "${options.tag}"`, result);
      const { articles } = data.tag;
      // Ask for the next page while this one is written: the server and the file work at the same time, two pages at most in memory.
      next = articles.pageInfo.hasNextPage ? fetchPage(articles.pageInfo.endCursor, false) : undefined;
      next?.catch(() => {}); // handled when awaited
      total = articles.totalCount ?? total;
      const text = render(articles.edges.map((edge) => edge.node), options.format, page === 0 && !fileHasData);
      if (text && !out.write(text)) await once(out, 'drain');
      result.exported += articles.edges.length;
      result.cursor = articles.pageInfo.endCursor ?? result.cursor;
      options.onPage?.(result.exported, total);
    }
    return result;
  } finally {
    out.end();
    await once(out, 'close');
  }
}
