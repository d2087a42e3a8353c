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
  /** Called when the page size changes to fit what the server allows (cost budget, page limit, response size). */
  onPageSize?: (pageSize: number, reason: string) => void;
  /** Stops the export after the page being written; the ExportInterrupted it throws holds the cursor to resume from. */
  signal?: AbortSignal;
}

/** Where an export ended: articles written by this run and the cursor to resume after them. */
export interface ExportResult {
  exported: number;
  cursor: string | null;
}

/** An export that stopped early; `cursor` resumes after the last article written. */
export class ExportInterrupted extends Error {
  constructor(message: string, readonly result: ExportResult, readonly code?: string) {
    super(message);
  }
}

// Links beyond these counts stop the export rather than being dropped (see flatten); the counts keep a page's cost low.
const LINKS_PER_KIND = 40;

const QUERY = /* GraphQL */ `
  query ExportTagArticles($tag: String!, $first: Int!, $after: String, $withCount: Boolean!, $links: Int!) {
    tag(slug: $tag) {
      articles(orderBy: ID_ASC, first: $first, after: $after) {
        totalCount @include(if: $withCount)
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id slug language title summary publishedAt updatedAt modifiedAt version sourceName sourceUrl body
            tags(first: $links) { pageInfo { hasNextPage } edges { node { slug } } }
            persons(first: $links) { pageInfo { hasNextPage } edges { mentions node { slug name } } }
            countries(first: $links) { pageInfo { hasNextPage } edges { mentions node { code } } }
            events(first: $links) { pageInfo { hasNextPage } edges { node { slug } } }
          }
        }
      }
    }
  }
`;

interface Links<TEdge> {
  pageInfo: { hasNextPage: boolean };
  edges: TEdge[];
}
interface ExportedArticle {
  [column: string]: unknown;
  slug: string;
  tags: Links<{ node: { slug: string } }>;
  persons: Links<{ mentions: number; node: { slug: string; name: string } }>;
  countries: Links<{ mentions: number; node: { code: string } }>;
  events: Links<{ node: { slug: string } }>;
}
interface Page {
  tag: null | {
    articles: { totalCount?: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: ExportedArticle }> };
  };
}

/** Columns of a CSV export, in order (links as `;`-joined slugs and codes); NDJSON lines carry the same keys, links nested. */
export const COLUMNS = ['id', 'slug', 'language', 'title', 'summary', 'publishedAt', 'updatedAt', 'modifiedAt', 'version', 'sourceName', 'sourceUrl', 'tags', 'persons', 'countries', 'events', 'body'];

function flatten(article: ExportedArticle): Record<string, unknown> & { tags: string[]; persons: Array<{ slug: string }>; countries: Array<{ code: string }>; events: string[] } {
  for (const kind of ['tags', 'persons', 'countries', 'events'] as const) {
    if (article[kind].pageInfo.hasNextPage) throw new Error(`article ${article.slug} has more than ${LINKS_PER_KIND} ${kind}, which the export cannot carry`);
  }
  return {
    ...article,
    tags: article.tags.edges.map((edge) => edge.node.slug),
    persons: article.persons.edges.map(({ mentions, node }) => ({ slug: node.slug, name: node.name, mentions })),
    countries: article.countries.edges.map(({ mentions, node }) => ({ code: node.code, mentions })),
    events: article.events.edges.map((edge) => edge.node.slug),
  };
}

function render(articles: ExportedArticle[], format: ExportOptions['format'], header: boolean) {
  const rows = articles.map(flatten);
  if (format === 'ndjson') return rows.map((row) => `${JSON.stringify(Object.fromEntries(COLUMNS.map((column) => [column, row[column]])))}\n`).join('');
  return stringify(
    rows.map((row) => ({
      ...row,
      tags: row.tags.join(';'),
      persons: row.persons.map((person) => person.slug).join(';'),
      countries: row.countries.map((country) => country.code).join(';'),
      events: row.events.join(';'),
    })),
    { header, columns: COLUMNS },
  );
}

/**
 * The page size to retry with when the server refused a page, or undefined when the refusal is not about size:
 * over the cost budget (cost grows with the page size), over the caller's largest page, or an answer too large to send.
 */
export function fittedPageSize(error: unknown, pageSize: number): { pageSize: number; reason: string } | undefined {
  if (!(error instanceof GraphQLRequestError)) return undefined;
  const { cost, maxPageSize, suggestedFirst, code } = error.extensions as { cost?: { requested: number; maximum: number }; maxPageSize?: number; suggestedFirst?: number; code?: string };
  let fitted = Number.NaN;
  let reason = '';
  if (code === 'RESPONSE_TOO_LARGE' && Number(suggestedFirst) > 0) [fitted, reason] = [Number(suggestedFirst), 'the answer would be too large'];
  else if (Number(maxPageSize) > 0) [fitted, reason] = [Number(maxPageSize), 'the largest page this key may ask for'];
  else if (cost && cost.requested > cost.maximum) [fitted, reason] = [Math.floor((pageSize * cost.maximum) / cost.requested), `the cost budget of ${cost.maximum}`];
  fitted = Math.min(Math.floor(fitted), pageSize - 1);
  return fitted >= 1 ? { pageSize: fitted, reason } : undefined;
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
    const variables = (after: string | null, withCount: boolean) => ({ tag: options.tag, first: pageSize, after, withCount, links: LINKS_PER_KIND });
    const request = (after: string | null, withCount: boolean): Promise<Page> =>
      graphqlRequest<Page>(options.endpoint, QUERY, variables(after, withCount), options.retry, headers, options.signal).catch((error: unknown) => {
        // The server says how much it allows (page size, cost budget, response size): go on with pages that fit.
        const fitted = fittedPageSize(error, pageSize);
        if (!fitted) throw error;
        pageSize = fitted.pageSize;
        options.onPageSize?.(pageSize, fitted.reason);
        return request(after, withCount);
      });
    const fetchPage = (after: string | null, first: boolean) =>
      request(after, first).catch((error: unknown) => {
        const message = options.signal?.aborted ? 'interrupted' : error instanceof Error ? error.message : String(error);
        const code = error instanceof GraphQLRequestError ? String(error.extensions.code ?? '') : undefined;
        throw new ExportInterrupted(message, result, code); // read when thrown: by then it holds every page written
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
      if (options.signal?.aborted) throw new ExportInterrupted('interrupted', result);
    }
    return result;
  } finally {
    out.end();
    await once(out, 'close');
  }
}
