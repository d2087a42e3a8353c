// Entity search over every name and alias in "SearchTerm" (pg_trgm: typo-tolerant, any script).
import { prisma } from '../db/client.ts';
import { type Country, type Event, type Person, Prisma, type Tag } from '../generated/prisma/client.ts';

/** A row of any entity kind. */
export type EntityRow = Person | Country | Tag | Event;

/** Kinds of entity that search finds. */
export type EntityKind = 'Person' | 'Country' | 'Tag' | 'Event';

/** One entity found: its kind and key, the name that matched best, its score and how many entities matched in all. */
export interface EntityHit {
  kind: EntityKind;
  key: string;
  matched: string;
  score: number;
  total: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Entities whose names match `query`, best first: a name equal to the query (any case) first, then the mean of
 * trigram similarity, word similarity and strict word similarity, plus a little for a name that starts with it.
 * Candidates come from the trigram GIN index (`%`, `<%`, prefix ILIKE).
 */
export function searchEntities(query: string, kinds: EntityKind[], page: { offset: number; limit: number }): Promise<EntityHit[]> {
  return prisma.$queryRaw<EntityHit[]>(searchEntitiesSql(query, kinds, page));
}

/** The statement behind searchEntities (for EXPLAIN and benchmarks). */
export function searchEntitiesSql(query: string, kinds: EntityKind[], page: { offset: number; limit: number }): Prisma.Sql {
  const prefix = `${escapeLike(query)}%`;
  return Prisma.sql`
    WITH candidates AS (
      SELECT t."kind", t."key", t."term",
        (similarity(t."term", ${query}) + word_similarity(${query}, t."term") + strict_word_similarity(${query}, t."term")) / 3
        + CASE WHEN lower(t."term") = lower(${query}) THEN 1 WHEN t."term" ILIKE ${prefix} THEN 0.1 ELSE 0 END AS "score"
      FROM "SearchTerm" t
      WHERE (t."term" % ${query} OR ${query} <% t."term" OR t."term" ILIKE ${prefix}) AND t."kind" = ANY(${kinds})
    ),
    best AS (
      SELECT DISTINCT ON ("kind", "key") "kind", "key", "term" AS "matched", "score"::float8 AS "score"
      FROM candidates ORDER BY "kind", "key", "score" DESC, "term"
    )
    SELECT *, (count(*) OVER ())::int AS "total" FROM best
    ORDER BY "score" DESC, "kind", "key"
    OFFSET ${page.offset} LIMIT ${page.limit}`;
}

/** Loads the rows of the hits, one statement per kind present, in the hits' order. */
export async function loadEntities(hits: EntityHit[]): Promise<Array<{ hit: EntityHit; entity: EntityRow }>> {
  const keys = (kind: EntityKind) => hits.filter((hit) => hit.kind === kind).map((hit) => hit.key);
  const ids = (kind: EntityKind) => keys(kind).map(Number);
  const none = Promise.resolve([]);
  const [persons, countries, tags, events] = await Promise.all([
    ids('Person').length ? prisma.person.findMany({ where: { id: { in: ids('Person') } } }) : none,
    keys('Country').length ? prisma.country.findMany({ where: { code: { in: keys('Country') } } }) : none,
    ids('Tag').length ? prisma.tag.findMany({ where: { id: { in: ids('Tag') } } }) : none,
    ids('Event').length ? prisma.event.findMany({ where: { id: { in: ids('Event') } } }) : none,
  ]);
  const rows = new Map<string, EntityRow>([
    ...persons.map((row) => [`Person:${row.id}`, row] as const),
    ...countries.map((row) => [`Country:${row.code}`, row] as const),
    ...tags.map((row) => [`Tag:${row.id}`, row] as const),
    ...events.map((row) => [`Event:${row.id}`, row] as const),
  ]);
  return hits.flatMap((hit) => {
    const entity = rows.get(`${hit.kind}:${hit.key}`);
    return entity ? [{ hit, entity }] : [];
  });
}
