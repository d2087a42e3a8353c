// The lookups and moves of ingest and person review that Prisma cannot express: matching inside JSON label maps and
// text, and moving a person's links onto another (Prisma has no upsert of many rows).
import type { Prisma, Tag } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/** Tags whose label, or a label in any language, is one of `lowered` (lower-cased labels), by id. */
export function tagsLabelled(tx: Tx, lowered: readonly string[]): Promise<Tag[]> {
  return tx.$queryRaw<Tag[]>`
    SELECT t.* FROM "Tag" t
    WHERE lower(t.label) = ANY(${lowered}) OR EXISTS (SELECT 1 FROM jsonb_each_text(t.labels) l WHERE lower(l.value) = ANY(${lowered}))
    ORDER BY t.id`;
}

/** The ids of events whose title, or a title in any language (3 characters or more), occurs in `text` (case-insensitive). */
export async function eventsNamedIn(tx: Tx, text: string): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT e.id FROM "Event" e
    WHERE strpos(${text.toLowerCase()}, lower(e.title)) > 0
       OR EXISTS (SELECT 1 FROM jsonb_each_text(e.titles) t WHERE length(t.value) >= 3 AND strpos(${text.toLowerCase()}, lower(t.value)) > 0)`;
  return rows.map((row) => row.id);
}

/** Moves person `fromId`'s article links (mentions added up where both have one), event roles and countries to `intoId`. */
export async function movePersonLinks(tx: Tx, fromId: number, intoId: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "ArticlePerson" ("articleId", "personId", mentions, source)
    SELECT "articleId", ${intoId}, mentions, source FROM "ArticlePerson" WHERE "personId" = ${fromId}
    ON CONFLICT ("articleId", "personId") DO UPDATE SET mentions = "ArticlePerson".mentions + EXCLUDED.mentions`;
  await tx.$executeRaw`
    INSERT INTO "EventParticipant" ("eventId", "personId", role)
    SELECT "eventId", ${intoId}, role FROM "EventParticipant" WHERE "personId" = ${fromId}
    ON CONFLICT ("eventId", "personId") DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO "PersonCountry" ("personId", "countryCode")
    SELECT ${intoId}, "countryCode" FROM "PersonCountry" WHERE "personId" = ${fromId}
    ON CONFLICT ("personId", "countryCode") DO NOTHING`;
}
