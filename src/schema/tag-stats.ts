// Tag's statistics fields (timeline, cooccurring) and `trendingTags`, for analytics: exact counts over live articles,
// one SQL statement per field for any number of tags (plugin-dataloader's loadableGroup). The SQL is in src/sql/tag-stats.ts.
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { UserInputError } from '../errors.ts';
import { MAX_RANKED } from '../settings.ts';
import { type CooccurrenceRow, cooccurrences, type TimelineRow, timelines, type TrendRow, trendingTags } from '../sql/tag-stats.ts';
import { rules } from './support/inputs.ts';
import { Tag } from './tag.ts';

const MAX_BUCKETS = 1000;
const DAY_MS = 86_400_000;

const TimelineBucket = builder.enumType('TimelineBucket', {
  description: 'Width of a timeline bucket (UTC calendar units).',
  values: {
    DAY: { description: 'One calendar day.' },
    WEEK: { description: 'One ISO week, Monday to Sunday.' },
    MONTH: { description: 'One calendar month.' },
  },
});

const bucketDays = { DAY: 1, WEEK: 7, MONTH: 28 } as const;

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
      if (days < 0) throw new UserInputError('"to" must not be before "from"', 'to');
      if (days / bucketDays[args.bucket ?? 'DAY'] >= MAX_BUCKETS) throw new UserInputError(`The timeline would have more than ${MAX_BUCKETS} buckets`, 'bucket');
      return tag.id;
    },
    group: (row) => row.tagId,
    load: (tagIds: number[], _context, args) => timelines(tagIds, args.bucket ?? 'DAY', args.from, args.to),
  }),
  cooccurring: t.loadableGroup({
    type: Cooccurrence,
    description: `Entities of a kind that appear in the tag's articles, highest lift first (then most articles, then slug). At most ${MAX_RANKED}.`,
    args: {
      kind: t.arg({ type: CooccurrenceKind, required: true, description: 'Which entities.' }),
      first: t.arg.int({ defaultValue: 10, description: `How many (at most ${MAX_RANKED}).`, validate: rules.rankedFirst }),
    },
    byPath: true,
    resolve: (tag) => tag.id,
    group: (row) => row.tagId,
    load: (tagIds: number[], _context, args) => cooccurrences(tagIds, args.kind, args.first ?? 10),
  }),
}));

const TrendWindow = builder.enumType('TrendWindow', {
  description: 'Length of the windows trendingTags compares.',
  values: { DAY: { description: '24 hours.' }, WEEK: { description: '7 days.' }, MONTH: { description: '30 days.' } },
});

const windowDays = { DAY: 1, WEEK: 7, MONTH: 30 } as const;

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
      first: t.arg.int({ defaultValue: 10, description: `How many tags (at most ${MAX_RANKED}).`, validate: rules.rankedFirst }),
      at: t.arg({ type: 'DateTime', description: 'End of the latest window (excluded); default now.' }),
    },
    resolve: (_root, args) => {
      const end = args.at ?? new Date();
      return trendingTags(end, windowDays[args.window ?? 'WEEK'] * DAY_MS, args.first ?? 10);
    },
  }),
}));
