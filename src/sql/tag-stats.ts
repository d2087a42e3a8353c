// Tag statistics for analytics: a zero-filled timeline, co-occurring entities with lift, trending tags.
// Exact counts over live articles, one statement for any number of tags.
import { prisma } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';

const DAY_MS = 86_400_000;
// Columns are stored as UTC `timestamp(3)`: a literal cast to `timestamp` drops the zone, whatever the session TimeZone.
const utc = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp`;

/** Width of a timeline bucket, in UTC calendar units. */
export type TimelineBucket = 'DAY' | 'WEEK' | 'MONTH';

/** Articles of a tag published in one bucket of time. */
export interface TimelineRow {
  tagId: number;
  start: Date;
  count: number;
}

/** Per tag, the live articles published per bucket from `from` to `to` (both days included), every bucket listed, empty ones with 0. */
export function timelines(tagIds: readonly number[], bucket: TimelineBucket, from: Date, to: Date): Promise<TimelineRow[]> {
  const unit = bucket.toLowerCase();
  const end = new Date(to.getTime() + DAY_MS);
  return prisma.$queryRaw<TimelineRow[]>`
    WITH counts AS (
      SELECT j."tagId", date_trunc(${unit}, a."publishedAt") AS "start", count(*)::int AS "count"
      FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId"
      WHERE j."tagId" = ANY(${tagIds}::int[]) AND a."deletedAt" IS NULL AND a."publishedAt" >= ${utc(from)} AND a."publishedAt" < ${utc(end)}
      GROUP BY 1, 2)
    SELECT t."id" AS "tagId", b."start", COALESCE(c."count", 0) AS "count"
    FROM unnest(${tagIds}::int[]) AS t("id")
    CROSS JOIN generate_series(date_trunc(${unit}, ${utc(from)}), ${utc(to)}, ${`1 ${unit}`}::interval) AS b("start")
    LEFT JOIN counts c ON c."tagId" = t."id" AND c."start" = b."start"
    ORDER BY t."id", b."start"`;
}

/** Kinds of entity that co-occur with a tag. */
export type CooccurrenceKind = 'TAG' | 'PERSON' | 'COUNTRY';

// Per kind: the join table, its entity column, and the entity table with its key, slug and name.
const COOCCURRENCE = {
  TAG: { join: 'ArticleTag', column: 'tagId', entity: 'Tag', key: 'id', slug: 'slug', name: 'label', type: 'Tag' },
  PERSON: { join: 'ArticlePerson', column: 'personId', entity: 'Person', key: 'id', slug: 'slug', name: 'name', type: 'Person' },
  COUNTRY: { join: 'ArticleCountry', column: 'countryCode', entity: 'Country', key: 'code', slug: 'code', name: 'name', type: 'Country' },
} as const;

/** An entity in articles of a tag, with n(tag, e), n(e) and the lift n(tag, e)·N / (n(tag)·n(e)). */
export interface CooccurrenceRow {
  tagId: number;
  entityKey: string;
  slug: string;
  name: string;
  count: number;
  articleCount: number;
  lift: number;
  /** The entity's GraphQL type: Tag, Person or Country. */
  type: string;
}

/** Per tag, the `first` entities of a kind in its live articles with the highest lift (then most articles, then slug). */
export function cooccurrences(tagIds: readonly number[], kind: CooccurrenceKind, first: number): Promise<CooccurrenceRow[]> {
  const k = COOCCURRENCE[kind];
  const [join, column, entity, key] = [k.join, k.column, k.entity, k.key].map((name) => Prisma.raw(`"${name}"`));
  const notItself = kind === 'TAG' ? Prisma.sql`WHERE x."tagId" <> t."tagId"` : Prisma.empty;
  return prisma.$queryRaw<CooccurrenceRow[]>`
    WITH tagged AS (
      SELECT j."tagId", j."articleId" FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId"
      WHERE j."tagId" = ANY(${tagIds}::int[]) AND a."deletedAt" IS NULL),
    tag_sizes AS (SELECT "tagId", count(*) AS "n" FROM tagged GROUP BY 1),
    pairs AS (
      SELECT t."tagId", x.${column} AS "entity", count(*) AS "n"
      FROM tagged t JOIN ${join} x ON x."articleId" = t."articleId" ${notItself} GROUP BY 1, 2),
    entity_sizes AS (
      SELECT x.${column} AS "entity", count(*) AS "n" FROM ${join} x JOIN "Article" a ON a."id" = x."articleId"
      WHERE a."deletedAt" IS NULL AND x.${column} IN (SELECT "entity" FROM pairs) GROUP BY 1),
    total AS (SELECT count(*) AS "n" FROM "Article" WHERE "deletedAt" IS NULL),
    scored AS (
      SELECT p."tagId", p."entity"::text AS "entityKey", e.${Prisma.raw(`"${k.slug}"`)}::text AS "slug", e.${Prisma.raw(`"${k.name}"`)} AS "name",
        p."n"::int AS "count", s."n"::int AS "articleCount", (p."n"::float8 * total."n") / (ts."n" * s."n") AS "lift"
      FROM pairs p JOIN tag_sizes ts USING ("tagId") JOIN entity_sizes s USING ("entity") JOIN ${entity} e ON e.${key} = p."entity" CROSS JOIN total),
    ranked AS (SELECT *, row_number() OVER (PARTITION BY "tagId" ORDER BY "lift" DESC, "count" DESC, "slug") AS "rank" FROM scored)
    SELECT "tagId", "entityKey", "slug", "name", "count", "articleCount", "lift", ${k.type}::text AS "type"
    FROM ranked WHERE "rank" <= ${first} ORDER BY "tagId", "rank"`;
}

/** A tag's live articles published in the latest window and in the one before. */
export interface TrendRow {
  tagId: number;
  count: number;
  previousCount: number;
}

/** The `first` tags whose live articles rose most from the window before `end - length` to the window ending at `end` (excluded). */
export function trendingTags(end: Date, lengthMs: number, first: number): Promise<TrendRow[]> {
  const start = new Date(end.getTime() - lengthMs);
  const previousStart = new Date(start.getTime() - lengthMs);
  return prisma.$queryRaw<TrendRow[]>`
    SELECT c.* FROM (
      SELECT j."tagId", count(*) FILTER (WHERE a."publishedAt" >= ${utc(start)})::int AS "count",
        count(*) FILTER (WHERE a."publishedAt" < ${utc(start)})::int AS "previousCount"
      FROM "Article" a JOIN "ArticleTag" j ON j."articleId" = a."id"
      WHERE a."deletedAt" IS NULL AND a."publishedAt" >= ${utc(previousStart)} AND a."publishedAt" < ${utc(end)}
      GROUP BY 1) c
    JOIN "Tag" t ON t."id" = c."tagId"
    WHERE c."count" > c."previousCount"
    ORDER BY c."count" - c."previousCount" DESC, c."count" DESC, t."slug" LIMIT ${first}`;
}
