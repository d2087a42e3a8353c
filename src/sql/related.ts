// Related articles: shared persons, countries, events and tags weighted by rarity (IDF), then nearness in time.
import { Prisma } from '../generated/prisma/client.ts';
import { parseDates, takeLinkLists } from './article-links.ts';
import { type ArticleReading, type ArticleRow, readArticles, selectList } from './article-rows.ts';

const { sql, raw, join } = Prisma;

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
 * The statement that ranks the `first` most related live articles of each source article and reads `reading` of them:
 * sum of ln(N / df) over the entities two articles share, ties broken by nearness of publication, then newest id; never
 * the article itself. Rows: `source`, `score`, `position` (1 for the most related), then the reading's select list.
 * `sources` may be an SQL expression of one source article's id instead, for a subquery of a statement that reads that
 * article (it must not name `a`, which this rebinds).
 */
export function relatedSql(sources: readonly number[] | Prisma.Sql, first: number, reading: ArticleReading): Prisma.Sql {
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
    SELECT s."id" AS "source", r."score", r."position", ${raw(selectList(reading))}
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
    JOIN "Article" a ON a."id" = r."id"
    WHERE ${source}
    ORDER BY s."id", r."position"`;
}

/** Drops the ranking's own columns from a related row (in place), leaving the related article's. */
function withoutRanking(row: Record<string, unknown>): ArticleRow {
  delete row.source;
  delete row.score;
  delete row.position;
  return row as unknown as ArticleRow;
}

/** The `first` most related articles of each source article (see relatedSql), in order, read as `reading` asks. */
export async function relatedArticles(sources: readonly number[], first: number, reading: ArticleReading): Promise<Map<number, ArticleRow[]>> {
  const rows = (await readArticles(relatedSql(sources, first, reading), reading)) as unknown as Array<Record<string, unknown>>;
  const bySource = new Map<number, ArticleRow[]>(sources.map((id) => [id, []]));
  for (const row of rows) bySource.get(row.source as number)!.push(withoutRanking(row));
  return bySource;
}

/** What an article's own statement reads of its related articles (relatedListColumn, then takeRelatedList). */
export interface RelatedReading {
  first: number;
  reading: ArticleReading;
}

/** A select-list item (after a comma) with the related articles of article `me` as a JSON list, in order. */
export function relatedListColumn({ first, reading }: RelatedReading): Prisma.Sql {
  return sql`, (SELECT coalesce(json_agg(x ORDER BY x."position"), '[]') FROM (${relatedSql(raw('me."id"'), first, reading)}) x) AS "$related"`;
}

/** Takes the related articles relatedListColumn read off an article's row, with their link lists attached. */
export async function takeRelatedList(row: Record<string, unknown>, { reading }: RelatedReading): Promise<ArticleRow[]> {
  const related = parseDates('Article', row.$related as Array<Record<string, unknown>>);
  delete row.$related;
  return (await takeLinkLists(related, reading.links)).map(withoutRanking);
}
