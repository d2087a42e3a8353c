// Tag statistics for analytics: a zero-filled timeline, co-occurring entities with lift/PMI, trending tags.
// Exact counts over live articles, one SQL statement per field for any number of tags (plugin-dataloader).
import { PothosValidationError } from '@pothos/core';
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { Tag } from './tag.ts';

const MAX_BUCKETS = 1000;
const MAX_RANKED = 100;
const DAY_MS = 86_400_000;

function checkFirst(first: number) {
  if (!Number.isInteger(first) || first < 0 || first > MAX_RANKED) throw new PothosValidationError(`"first" must be between 0 and ${MAX_RANKED}; it is ${first}`);
}

// Columns are stored as UTC `timestamp(3)`: a literal cast to `timestamp` drops the zone, whatever the session TimeZone.
const utc = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp`;

const TimelineBucket = builder.enumType('TimelineBucket', {
  description: 'Width of a timeline bucket (UTC calendar units).',
  values: {
    DAY: { description: 'One calendar day.' },
    WEEK: { description: 'One ISO week, Monday to Sunday.' },
    MONTH: { description: 'One calendar month.' },
  },
});

const bucketDays = { DAY: 1, WEEK: 7, MONTH: 28 } as const;

interface TimelineRow {
  tagId: number;
  start: Date;
  count: number;
}

const TimelinePoint = builder.objectRef<TimelineRow>('TimelinePoint').implement({
  description: 'How many articles of a tag were published in one bucket of time.',
  fields: (t) => ({
    start: t.field({ type: 'Date', description: 'First day of the bucket (a Monday for weeks, the 1st for months).', resolve: (row) => row.start }),
    count: t.exposeInt('count', { description: 'Articles published in the bucket (within `from`..`to`).' }),
  }),
});

const CooccurrenceKind = builder.enumType('CooccurrenceKind', {
  description: 'Kinds of entity that co-occur with a tag.',
  values: { TAG: { description: 'Other tags.' }, PERSON: { description: 'Persons mentioned.' }, COUNTRY: { description: 'Countries mentioned.' } },
});

// Per kind: the join table, its entity column, and the entity table with its key, slug and name.
const cooccurrenceSql = {
  TAG: { join: 'ArticleTag', column: 'tagId', entity: 'Tag', key: 'id', slug: 'slug', name: 'label', type: 'Tag' },
  PERSON: { join: 'ArticlePerson', column: 'personId', entity: 'Person', key: 'id', slug: 'slug', name: 'name', type: 'Person' },
  COUNTRY: { join: 'ArticleCountry', column: 'countryCode', entity: 'Country', key: 'code', slug: 'code', name: 'name', type: 'Country' },
} as const;

interface CooccurrenceRow {
  tagId: number;
  entityKey: string;
  slug: string;
  name: string;
  count: number;
  articleCount: number;
  lift: number;
  type: string;
}

const Cooccurrence = builder.objectRef<CooccurrenceRow>('Cooccurrence').implement({
  description:
    'An entity that appears in articles of a tag. With N live articles, n(tag) of them with the tag, n(e) with the entity and n(tag, e) with both: ' +
    'lift = n(tag, e)·N / (n(tag)·n(e)) and pmi = log2(lift). Something that appears with everything has lift 1 (pmi 0) and ranks low.',
  fields: (t) => ({
    id: t.globalID({ description: 'Global ID of the entity; pass it to `node(id:)`.', resolve: (row) => ({ type: row.type, id: row.entityKey }) }),
    slug: t.exposeString('slug', { description: 'Slug of the tag or person; alpha-2 code of a country.' }),
    name: t.exposeString('name', { description: 'Canonical name (label of a tag).' }),
    count: t.exposeInt('count', { description: 'n(tag, e): live articles with both the tag and the entity.' }),
    articleCount: t.exposeInt('articleCount', { description: 'n(e): live articles with the entity.' }),
    lift: t.exposeFloat('lift', { description: 'n(tag, e)·N / (n(tag)·n(e)): how much likelier the entity is with the tag than overall.' }),
    pmi: t.float({ description: 'Pointwise mutual information, log2(lift).', resolve: (row) => Math.log2(row.lift) }),
  }),
});

builder.prismaObjectFields(Tag, (t) => ({
  timeline: t.loadableGroup({
    type: TimelinePoint,
    description: `Articles of the tag published per bucket from \`from\` to \`to\` (both days included, UTC), every bucket listed, empty ones with 0. At most ${MAX_BUCKETS} buckets.`,
    args: {
      bucket: t.arg({ type: TimelineBucket, defaultValue: 'DAY', description: 'Width of a bucket.' }),
      from: t.arg({ type: 'Date', required: true, description: 'First day counted.' }),
      to: t.arg({ type: 'Date', required: true, description: 'Last day counted.' }),
    },
    byPath: true, // aliases may ask for different ranges
    resolve: (tag, args) => {
      const days = (args.to.getTime() - args.from.getTime()) / DAY_MS;
      if (days < 0) throw new PothosValidationError('"to" must not be before "from"');
      if (days / bucketDays[args.bucket ?? 'DAY'] >= MAX_BUCKETS) throw new PothosValidationError(`The timeline would have more than ${MAX_BUCKETS} buckets`);
      return tag.id;
    },
    group: (row) => row.tagId,
    load: (tagIds: number[], _context, args) => {
      const unit = (args.bucket ?? 'DAY').toLowerCase();
      const end = new Date(args.to.getTime() + DAY_MS);
      return prisma.$queryRaw<TimelineRow[]>`
        WITH counts AS (
          SELECT j."tagId", date_trunc(${unit}, a."publishedAt") AS "start", count(*)::int AS "count"
          FROM "ArticleTag" j JOIN "Article" a ON a."id" = j."articleId"
          WHERE j."tagId" = ANY(${tagIds}::int[]) AND a."deletedAt" IS NULL AND a."publishedAt" >= ${utc(args.from)} AND a."publishedAt" < ${utc(end)}
          GROUP BY 1, 2)
        SELECT t."id" AS "tagId", b."start", COALESCE(c."count", 0) AS "count"
        FROM unnest(${tagIds}::int[]) AS t("id")
        CROSS JOIN generate_series(date_trunc(${unit}, ${utc(args.from)}), ${utc(args.to)}, ${`1 ${unit}`}::interval) AS b("start")
        LEFT JOIN counts c ON c."tagId" = t."id" AND c."start" = b."start"
        ORDER BY t."id", b."start"`;
    },
  }),
  cooccurring: t.loadableGroup({
    type: Cooccurrence,
    description: `Entities of a kind that appear in the tag's articles, highest lift first (then most articles, then slug). At most ${MAX_RANKED}.`,
    args: {
      kind: t.arg({ type: CooccurrenceKind, required: true, description: 'Which entities.' }),
      first: t.arg.int({ defaultValue: 10, description: `How many (at most ${MAX_RANKED}).` }),
    },
    byPath: true,
    resolve: (tag, args) => {
      checkFirst(args.first ?? 10);
      return tag.id;
    },
    group: (row) => row.tagId,
    load: (tagIds: number[], _context, args) => {
      const k = cooccurrenceSql[args.kind];
      const [join, column, entity, key] = [k.join, k.column, k.entity, k.key].map((name) => Prisma.raw(`"${name}"`));
      const notItself = args.kind === 'TAG' ? Prisma.sql`WHERE x."tagId" <> t."tagId"` : Prisma.empty;
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
        FROM ranked WHERE "rank" <= ${args.first ?? 10} ORDER BY "tagId", "rank"`;
    },
  }),
}));

const TrendWindow = builder.enumType('TrendWindow', {
  description: 'Length of the windows trendingTags compares.',
  values: { DAY: { description: '24 hours.' }, WEEK: { description: '7 days.' }, MONTH: { description: '30 days.' } },
});

const windowDays = { DAY: 1, WEEK: 7, MONTH: 30 } as const;

interface TrendRow {
  tagId: number;
  count: number;
  previousCount: number;
}

const TrendingTag = builder.objectRef<TrendRow>('TrendingTag').implement({
  description: 'A tag whose article count rose from the previous window to the latest one.',
  fields: (t) => ({
    tag: t.prismaField({
      type: Tag,
      description: 'The tag.',
      // Prisma batches the findUnique calls of one tick into one query.
      resolve: async (query, row) => (await prisma.tag.findUnique({ ...query, where: { id: row.tagId } }))!,
    }),
    count: t.exposeInt('count', { description: 'Live articles with the tag published in the latest window.' }),
    previousCount: t.exposeInt('previousCount', { description: 'Live articles with the tag published in the window before it.' }),
    change: t.int({ description: '`count - previousCount`, the rise the list is ordered by.', resolve: (row) => row.count - row.previousCount }),
  }),
});

builder.queryFields((t) => ({
  trendingTags: t.field({
    type: [TrendingTag],
    description:
      'Tags whose article count rose most from the previous window to the latest one (the window ending at `at`), ' +
      `by rise, then count, then slug; only tags that rose. At most ${MAX_RANKED}.`,
    args: {
      window: t.arg({ type: TrendWindow, defaultValue: 'WEEK', description: 'Length of each window.' }),
      first: t.arg.int({ defaultValue: 10, description: `How many tags (at most ${MAX_RANKED}).` }),
      at: t.arg({ type: 'DateTime', description: 'End of the latest window (excluded); default now.' }),
    },
    resolve: (_root, args) => {
      const first = args.first ?? 10;
      checkFirst(first);
      const end = args.at ?? new Date();
      const length = windowDays[args.window ?? 'WEEK'] * DAY_MS;
      const start = new Date(end.getTime() - length);
      const previousStart = new Date(start.getTime() - length);
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
    },
  }),
}));
