// Editor mutations on persons, events and tags (create, idempotent; update, optimistic).
import * as z from 'zod/mini';
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { createOnce } from '../edit/idempotency.ts';
import { updateVersioned, type VersionedType } from '../edit/versioned.ts';
import { UserInputError } from '../errors.ts';
import type { Event as EventRow, Person as PersonRow, Prisma, Tag as TagRow } from '../generated/prisma/client.ts';
import { Event, EventKind } from './event.ts';
import { LocalizedNameInput, LocalizedTextInput, describe, localizedNames, localizedTexts, namesMap, rejectNulls, rules, textsMap } from './support/inputs.ts';
import { slugFor } from './support/slug.ts';
import { Person } from './person.ts';
import { Tag } from './tag.ts';

const key = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  idempotencyKey: t.string({ description: describe.idempotencyKey, validate: z.nullish(rules.idempotencyKey) }),
});
const target = <Ref extends typeof Person | typeof Event | typeof Tag>(t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>, ref: Ref, noun: string) => ({
  id: t.globalID({ required: true, for: ref, description: `The ${noun} to change.` }),
  expectedVersion: t.int({ required: true, description: describe.expectedVersion, validate: rules.version }),
});
type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** Person fields; create requires `name`. */
const personFields = <R extends boolean>(t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>, required: R) => ({
  slug: t.string({ description: describe.slug, validate: z.optional(rules.slug) }),
  name: t.string({ required, description: 'The canonical (English) name, at most 200 characters.', validate: required ? rules.name : z.optional(rules.name) }),
  names: t.field({ type: [LocalizedNameInput], description: 'The name in each language, with aliases (replaces the whole list).', validate: localizedNames }),
  descriptions: t.field({ type: [LocalizedTextInput], description: 'One-line descriptions per language (replaces the whole list).', validate: localizedTexts }),
});
const tagFields = <R extends boolean>(t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>, required: R) => ({
  slug: t.string({ description: describe.slug, validate: z.optional(rules.slug) }),
  label: t.string({ required, description: 'The canonical label, at most 200 characters.', validate: required ? rules.name : z.optional(rules.name) }),
  labels: t.field({ type: [LocalizedTextInput], description: 'The label in each language (replaces the whole list).', validate: localizedTexts }),
});
const eventFields = <R extends boolean>(t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>, required: R) => ({
  slug: t.string({ description: describe.slug, validate: z.optional(rules.slug) }),
  title: t.string({ required, description: 'The canonical title, at most 300 characters.', validate: required ? rules.title : z.optional(rules.title) }),
  titles: t.field({ type: [LocalizedTextInput], description: 'The title in each language (replaces the whole list).', validate: localizedTexts }),
  kind: t.field({ type: EventKind, required, description: 'What sort of event it is.', validate: required ? z.string() : z.optional(z.string()) }),
  startsAt: t.field({ type: 'DateTime', required, description: 'When it began (UTC midnight of the day when `allDay`).', validate: required ? z.date() : z.optional(z.date()) }),
  endsAt: t.field({ type: 'DateTime', description: 'When it ended, not before `startsAt`; null while it goes on.' }),
  allDay: t.boolean({ description: 'True (the default) when the span is known to the day only.', validate: z.optional(z.boolean()) }),
  place: t.string({ description: 'The canonical place name (at most 200 characters); null for none.', validate: z.nullish(rules.name) }),
  places: t.field({ type: [LocalizedTextInput], description: 'The place in each language (replaces the whole list).', validate: localizedTexts }),
  countryCode: t.string({ description: 'ISO 3166-1 alpha-2 code of the country where it happened; null for none.', validate: z.nullish(rules.countryCode) }),
});

const CreatePersonInput = builder.inputType('CreatePersonInput', { description: 'A new person.', fields: (t) => ({ ...key(t), ...personFields(t, true) }) });
const UpdatePersonInput = builder.inputType('UpdatePersonInput', { description: 'Changes to a person: fields left out stay as they are.', fields: (t) => ({ ...target(t, Person, 'person'), ...personFields(t, false) }) });
const CreateTagInput = builder.inputType('CreateTagInput', { description: 'A new tag.', fields: (t) => ({ ...key(t), ...tagFields(t, true) }) });
const UpdateTagInput = builder.inputType('UpdateTagInput', { description: 'Changes to a tag: fields left out stay as they are.', fields: (t) => ({ ...target(t, Tag, 'tag'), ...tagFields(t, false) }) });
const CreateEventInput = builder.inputType('CreateEventInput', { description: 'A new event.', fields: (t) => ({ ...key(t), ...eventFields(t, true) }) });
const UpdateEventInput = builder.inputType('UpdateEventInput', { description: 'Changes to an event: fields left out stay as they are; nullable fields set to null are cleared.', fields: (t) => ({ ...target(t, Event, 'event'), ...eventFields(t, false) }) });

type Input = Record<string, unknown>;
/** The given fields of `input` among `columns`, renamed and converted where the column differs. */
function pick(input: Input, columns: string[], convert: Record<string, [string, (value: never) => unknown]> = {}, required: string[] = []) {
  rejectNulls(input, ['slug', ...required]);
  const data: Record<string, unknown> = {};
  for (const name of [...columns, ...Object.keys(convert)]) {
    if (input[name] === undefined) continue;
    const [column, to] = convert[name] ?? [name, (value: unknown) => value];
    data[column] = input[name] === null ? null : to(input[name] as never);
  }
  return data;
}
const personData = (input: Input) => pick(input, ['slug', 'name'], { names: ['names', namesMap], descriptions: ['description', textsMap] }, ['name', 'names', 'descriptions']);
const tagData = (input: Input) => pick(input, ['slug', 'label'], { labels: ['labels', textsMap] }, ['label', 'labels']);
function eventData(input: Input, current?: EventRow) {
  const data = pick(input, ['slug', 'title', 'kind', 'startsAt', 'endsAt', 'allDay', 'place'], { titles: ['titles', textsMap], places: ['places', textsMap], countryCode: ['countryCode', (code: string) => code.toUpperCase()] }, ['title', 'titles', 'kind', 'startsAt', 'allDay', 'places']);
  const startsAt = (data.startsAt ?? current?.startsAt) as Date | undefined;
  const endsAt = (data.endsAt === undefined ? current?.endsAt : data.endsAt) as Date | null | undefined;
  if (startsAt && endsAt && endsAt < startsAt) throw new UserInputError('endsAt is before startsAt.', 'input.endsAt');
  return data;
}

/** Payload types of one entity: `{ <noun>, replayed }`. */
function payload<Row>(name: string, noun: 'person' | 'event' | 'tag', ref: typeof Person | typeof Event | typeof Tag) {
  return builder.objectRef<{ row: Row; replayed?: boolean }>(name).implement({
    description: `The ${noun} as stored after the change.`,
    fields: (t) => ({
      [noun]: t.field({ type: ref, nullable: false, description: `The ${noun}, with its new \`version\`.`, resolve: (result) => result.row as never }),
      replayed: t.boolean({ description: 'True when an idempotency key replayed an earlier create instead of creating again.', resolve: (result) => result.replayed ?? false }),
    }),
  });
}
const PersonPayload = payload<PersonRow>('PersonPayload', 'person', Person);
const TagPayload = payload<TagRow>('TagPayload', 'tag', Tag);
const EventPayload = payload<EventRow>('EventPayload', 'event', Event);

const editorsOnly = { editor: true } as const;
const loaders = {
  Person: (id: number) => prisma.person.findUnique({ where: { id } }),
  Tag: (id: number) => prisma.tag.findUnique({ where: { id } }),
  Event: (id: number) => prisma.event.findUnique({ where: { id } }),
};

/** An update resolver: the versioned write of `data(input)` to the row `input.id` names. */
function update(type: VersionedType & keyof typeof loaders, data: (input: Input, current?: never) => object) {
  return async (_root: unknown, { input }: { input: Input & { id: { id: string }; expectedVersion: number } }) => {
    const id = Number(input.id.id);
    // Only events check a rule across fields (endsAt after startsAt), which needs the stored values of the fields not given.
    const current = type === 'Event' && (input.startsAt !== undefined || input.endsAt !== undefined) ? ((await loaders.Event(id)) ?? undefined) : undefined;
    return { row: await updateVersioned(prisma, type, id, input.expectedVersion, data(input, current as never)) };
  };
}

builder.mutationFields((t) => ({
  createPerson: t.field({
    type: PersonPayload,
    description: 'Creates a person (version 1). Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: CreatePersonInput, required: true, description: 'The new person.' }) },
    resolve: async (_root, { input }, ctx) => {
      const slug = input.slug ?? (await slugFor(input.name));
      return createOnce(ctx.caller, 'createPerson', input, (db) => db.person.create({ data: { ...personData(input), slug } as Prisma.PersonCreateInput }), loaders.Person);
    },
  }),
  updatePerson: t.field({
    type: PersonPayload,
    description: 'Changes a person if it is still at `expectedVersion` (else CONFLICT, nothing changed); raises its version. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: UpdatePersonInput, required: true, description: 'The person and the changes.' }) },
    resolve: update('Person', personData) as never,
  }),
  createTag: t.field({
    type: TagPayload,
    description: 'Creates a tag (version 1). Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: CreateTagInput, required: true, description: 'The new tag.' }) },
    resolve: async (_root, { input }, ctx) => {
      const slug = input.slug ?? (await slugFor(input.label));
      return createOnce(ctx.caller, 'createTag', input, (db) => db.tag.create({ data: { ...tagData(input), slug } as Prisma.TagCreateInput }), loaders.Tag);
    },
  }),
  updateTag: t.field({
    type: TagPayload,
    description: 'Changes a tag if it is still at `expectedVersion` (else CONFLICT, nothing changed); raises its version. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: UpdateTagInput, required: true, description: 'The tag and the changes.' }) },
    resolve: update('Tag', tagData) as never,
  }),
  createEvent: t.field({
    type: EventPayload,
    description: 'Creates an event (version 1). Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: CreateEventInput, required: true, description: 'The new event.' }) },
    resolve: async (_root, { input }, ctx) => {
      const slug = input.slug ?? (await slugFor(input.title));
      return createOnce(ctx.caller, 'createEvent', input, (db) => db.event.create({ data: { ...eventData(input), slug } as Prisma.EventCreateInput }), loaders.Event);
    },
  }),
  updateEvent: t.field({
    type: EventPayload,
    description: 'Changes an event if it is still at `expectedVersion` (else CONFLICT, nothing changed); raises its version. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: UpdateEventInput, required: true, description: 'The event and the changes.' }) },
    resolve: update('Event', eventData) as never,
  }),
}));
