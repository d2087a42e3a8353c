// Related articles: shared persons, countries, events and tags weighted by rarity (IDF), then nearness in time.
import { queryRows } from '../db/rows.ts';
import { linkColumns, type LinkPrefetch, prefetchedLinks } from '../schema/article-links.ts';
import { columnList } from '../schema/article-pages.ts';
import { Prisma } from '../generated/prisma/client.ts';

const { sql, raw, join } = Prisma;

/** A related article of a source article, with its score. */
export interface RelatedRow {
  source: number;
  id: number;
  score: number;
  /** 1 for the most related article of its source, then 2, … */
  position: number;
}

// Candidates per shared entity: the newest this many articles linked to it (all of them for rare entities;
// for an entity in thousands of articles its IDF weight is small anyway). Keeps the cost bounded on big corpora.
const CANDIDATES_PER_ENTITY = 100;
// Best-scored candidates per source that are then ordered by nearness in time (ties beyond them fall to the newest).
const SHORTLIST = 50;

// The four join tables, their entity kind and column (constants, never input).
const LINKS = [
  ['ArticlePerson', 'Person', 'personId'],
  ['ArticleCountry', 'Country', 'countryCode'],
  ['ArticleEvent', 'Event', 'eventId'],
  ['ArticleTag', 'Tag', 'tagId'],
] as const;

// Articles sharing one kind of entity with source article `s`, with the shared entity's weight.
function sharedVia(table: string, kind: string, column: string): Prisma.Sql {
  const [t, c] = [raw(`"${table}"`), raw(`"${column}"`)];
  // Document frequency from the counts the link tables' triggers keep (EntityArticleCount), not counted here.
  return sql`SELECT other."articleId" AS "id", ln((SELECT n FROM total) / greatest(coalesce(df."articles", 0), 1)) AS "weight"
    FROM ${t} mine
    LEFT JOIN "EntityArticleCount" df ON df."kind" = ${raw(`'${kind}'`)} AND df."key" = mine.${c}::text
    CROSS JOIN LATERAL (
      SELECT o."articleId" FROM ${t} o WHERE o.${c} = mine.${c} AND o."articleId" <> s."id"
      ORDER BY o."articleId" DESC LIMIT ${raw(String(CANDIDATES_PER_ENTITY))}
    ) other
    WHERE mine."articleId" = s."id"`;
}

/**
 * The `first` most related live articles of each source article, in one statement: sum of ln(N / df) over the
 * entities two articles share, ties broken by nearness of publication, then newest id. Never the article itself.
 * With `columns` (which include `id`), each row also has those Article columns of the related article, and with `links`
 * its link lists, read in the same statement.
 */
export async function relatedArticles(sources: number[], first: number, columns: string[] = [], links?: LinkPrefetch): Promise<Array<RelatedRow & Record<string, unknown>>> {
  const { text, values } = relatedSql(sources, first, columns, links);
  return (await prefetchedLinks(await queryRows(text, values), links)) as Array<RelatedRow & Record<string, unknown>>;
}

/**
 * The statement behind relatedArticles (for EXPLAIN and benchmarks). `sources` may be an SQL expression of one source
 * article's id instead, for a subquery of a statement that reads that article (it must not name `a`, which this rebinds).
 */
export function relatedSql(sources: number[] | Prisma.Sql, first: number, columns: string[] = [], links?: LinkPrefetch): Prisma.Sql {
  // One source (an article page) is its own text: with `"id" = $1` PostgreSQL's generic plan costs what a custom one
  // does, so the prepared statement is planned once (an array's unknown length kept it replanning, 2.7 ms per call).
  const source = Array.isArray(sources)
    ? sources.length === 1 ? sql`s."id" = ${sources[0]}` : sql`s."id" = ANY(${sources}::int[])`
    : sql`s."id" = ${sources}`;
  // Ranked per source in a lateral subquery: a top-N sort per source instead of window functions over all candidates.
  return sql`
    -- N of the IDF: the planner's row estimate once the table is big (counting 100,000 rows per request is not worth it).
    WITH total AS (SELECT CASE WHEN c.reltuples >= 10000 THEN c.reltuples::float8 ELSE (SELECT greatest(count(*), 1)::float8 FROM "Article") END AS n
                   FROM pg_class c WHERE c.oid = '"Article"'::regclass)
    SELECT s."id" AS "source", r."score", r."position", ${raw(columns.length > 0 ? `${columnList(columns)}${linkColumns(links)}` : 'r."id"')}
    FROM "Article" s CROSS JOIN LATERAL (
      SELECT sc."id", sc."score"::float8 AS "score", row_number() OVER (
        ORDER BY sc."score" DESC, abs(extract(epoch FROM x."publishedAt" - s."publishedAt")), x."id" DESC
      ) AS "position"
      FROM (
        SELECT "id", sum("weight") AS "score" FROM (${join(LINKS.map(([table, kind, column]) => sharedVia(table, kind, column)), ' UNION ALL ')}) shared
        GROUP BY "id" ORDER BY "score" DESC, "id" DESC LIMIT ${Math.max(SHORTLIST, first)}
      ) sc
      JOIN "Article" x ON x."id" = sc."id" AND x."deletedAt" IS NULL
      ORDER BY "position" LIMIT ${first}
    ) r
    ${raw(columns.length > 0 ? 'JOIN "Article" a ON a."id" = r."id"' : '')}
    WHERE ${source}
    ORDER BY s."id", r."position"`;
}
