// Editor mutations that link and unlink entities to articles and events (the join tables), raising the subject's version.
import * as z from 'zod/mini';
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { updateVersioned } from '../edit/versioned.ts';
import { UserInputError } from '../errors.ts';
import type { Article as ArticleRow, Event as EventRow } from '../generated/prisma/client.ts';
import { Article } from './article.ts';
import { Country } from './country.ts';
import { describe, rules } from './support/inputs.ts';
import { Event } from './event.ts';
import { Person } from './person.ts';
import { Tag } from './tag.ts';

/** Each link an editor may make: its join table, key columns and the edge value it carries. */
const LINKS = {
  'Article:Person': { table: 'articlePerson', subject: 'articleId', entity: 'personId', value: 'mentions' },
  'Article:Country': { table: 'articleCountry', subject: 'articleId', entity: 'countryCode', value: 'mentions' },
  'Article:Tag': { table: 'articleTag', subject: 'articleId', entity: 'tagId' },
  'Article:Event': { table: 'articleEvent', subject: 'articleId', entity: 'eventId' },
  'Event:Person': { table: 'eventParticipant', subject: 'eventId', entity: 'personId', value: 'role' },
  'Event:Country': { table: 'eventCountry', subject: 'eventId', entity: 'countryCode' },
} as const;
type Link = (typeof LINKS)[keyof typeof LINKS];
// The six join delegates differ only in column names, which LINKS holds; one loose view of them beats six copies.
type JoinDelegate = {
  findFirst(args: object): Promise<Record<string, unknown> | null>;
  createMany(args: object): Promise<{ count: number }>;
  updateMany(args: object): Promise<{ count: number }>;
  deleteMany(args: object): Promise<{ count: number }>;
};

const subjectField = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  subjectId: t.globalID({ required: true, for: [Article, Event], description: 'The article or event to link from.' }),
  entityId: t.globalID({
    required: true,
    for: [Person, Country, Tag, Event],
    description: 'What to link: for an article a person, country, tag or event; for an event a person or country.',
  }),
  expectedVersion: t.int({
    description: `${describe.expectedVersion} Refers to the subject (the article or event); optional: without it the link is made at any version.`,
    validate: z.nullish(rules.version),
  }),
});
type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const LinkEntityInput = builder.inputType('LinkEntityInput', {
  description: 'A link from an article or event to an entity; linking again updates the link\'s `mentions` or `role`.',
  fields: (t) => ({
    ...subjectField(t),
    mentions: t.int({ description: 'Article to person or country: how often the article mentions it (1 to 10,000; default 1).', validate: z.nullish(rules.mentions) }),
    role: t.string({ description: 'Event to person: the part played, e.g. `host` (at most 50 characters; default `participant`).', validate: z.nullish(rules.role) }),
  }),
});
const UnlinkEntityInput = builder.inputType('UnlinkEntityInput', { description: 'A link to remove.', fields: (t) => subjectField(t) });

type Subject = { article: ArticleRow | null; event: EventRow | null; changed: boolean };
const LinkPayload = builder.objectRef<Subject>('LinkPayload').implement({
  description: 'The subject of a link change as stored after it.',
  fields: (t) => ({
    article: t.field({ type: Article, nullable: true, description: 'The article, when the subject is one.', resolve: (s) => s.article }),
    event: t.field({ type: Event, nullable: true, description: 'The event, when the subject is one.', resolve: (s) => s.event }),
    changed: t.boolean({ description: 'False when the link already was (or already was not) as asked: nothing was written and the version stayed.', resolve: (s) => s.changed }),
  }),
});

type LinkInput = { subjectId: { typename: string; id: string }; entityId: { typename: string; id: string }; expectedVersion?: number | null; mentions?: number | null; role?: string | null };

/** Runs `change` on the join row of the link the input names; when it wrote something, raises the subject's version (conditionally on expectedVersion). */
async function changeLink(input: LinkInput, change: (join: JoinDelegate, key: Record<string, unknown>, link: Link) => Promise<boolean>): Promise<Subject> {
  const type = input.subjectId.typename as 'Article' | 'Event';
  const link: Link | undefined = LINKS[`${type}:${input.entityId.typename}` as keyof typeof LINKS];
  if (!link) throw new UserInputError(`An ${type} cannot be linked to a ${input.entityId.typename}.`, 'input.entityId');
  const subjectId = Number(input.subjectId.id);
  const entityKey = input.entityId.typename === 'Country' ? input.entityId.id : Number(input.entityId.id);
  return prisma.$transaction(async (tx) => {
    const current = type === 'Article' ? await tx.article.findFirst({ where: { id: subjectId, deletedAt: null } }) : await tx.event.findUnique({ where: { id: subjectId } });
    if (!current) throw new UserInputError(`No ${type} has the ID given in input.subjectId.`, 'input.subjectId');
    const changed = await change(tx[link.table] as unknown as JoinDelegate, { [link.subject]: subjectId, [link.entity]: entityKey }, link);
    const row = changed ? await updateVersioned(tx, type, subjectId, input.expectedVersion, {}, 'input.subjectId') : current;
    return { article: type === 'Article' ? (row as ArticleRow) : null, event: type === 'Event' ? (row as EventRow) : null, changed };
  });
}

/** Creates or updates the join row; false when it already held the same value. */
async function link(join: JoinDelegate, key: Record<string, unknown>, spec: Link, value: unknown): Promise<boolean> {
  const values = 'value' in spec ? { [spec.value]: value } : {};
  const existing = await join.findFirst({ where: key });
  if (existing && Object.entries(values).every(([column, v]) => existing[column] === v)) return false;
  if (existing) return (await join.updateMany({ where: key, data: values })).count > 0;
  // ON CONFLICT DO NOTHING: a concurrent identical link is no error.
  return (await join.createMany({ data: [{ ...key, ...values }], skipDuplicates: true })).count > 0;
}

const editorsOnly = { editor: true } as const;

builder.mutationFields((t) => ({
  linkEntity: t.field({
    type: LinkPayload,
    description: 'Links a person, country, tag or event to an article, or a person or country to an event; raises the subject\'s version when something changed. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: LinkEntityInput, required: true, description: 'The link.' }) },
    resolve: (_root, { input }) =>
      changeLink(input, (join, key, spec) => {
        if (input.role != null && spec !== LINKS['Event:Person']) throw new UserInputError('role applies only to linking a person to an event.', 'input.role');
        if (input.mentions != null && !('value' in spec && spec.value === 'mentions')) throw new UserInputError('mentions applies only to linking a person or country to an article.', 'input.mentions');
        return link(join, key, spec, 'value' in spec ? (spec.value === 'role' ? (input.role ?? 'participant') : (input.mentions ?? 1)) : undefined);
      }),
  }),
  unlinkEntity: t.field({
    type: LinkPayload,
    description: 'Removes a link made by linkEntity (or by ingesting); raises the subject\'s version when something changed. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: UnlinkEntityInput, required: true, description: 'The link to remove.' }) },
    resolve: (_root, { input }) => changeLink(input, async (join, key) => (await join.deleteMany({ where: key })).count > 0),
  }),
}));
