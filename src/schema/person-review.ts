// Editors' review of the persons ingest creates (Person.reviewed is false until then): confirmPerson, mergePerson, rejectPerson.
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { confirmPerson, mergePerson, rejectPerson } from '../edit/person-review.ts';
import type { Person as PersonRow } from '../generated/prisma/client.ts';
import { describe, rules } from './support/inputs.ts';
import { Person } from './person.ts';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
const target = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>, noun: string) => ({
  id: t.globalID({ required: true, for: Person, description: `The person to ${noun}.` }),
  expectedVersion: t.int({ required: true, description: describe.expectedVersion, validate: rules.version }),
});

const ConfirmPersonInput = builder.inputType('ConfirmPersonInput', { description: 'A person to mark reviewed.', fields: (t) => target(t, 'confirm') });
const MergePersonInput = builder.inputType('MergePersonInput', {
  description: 'A person to merge into another: the same person under another name or in another script.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: Person, description: 'The person to merge away (usually one ingest created); it is deleted.' }),
    intoId: t.globalID({ required: true, for: Person, description: 'The person it really is; it keeps its ID and gets the other\'s names as aliases.' }),
    expectedVersion: t.int({ required: true, description: `${describe.expectedVersion} Refers to the person of \`intoId\`.`, validate: rules.version }),
  }),
});
const RejectPersonInput = builder.inputType('RejectPersonInput', { description: 'A person ingest created that is no person (a place, a group, a misread name).', fields: (t) => target(t, 'reject') });

const PersonReviewPayload = builder.objectRef<{ person: PersonRow }>('PersonReviewPayload').implement({
  description: 'The person as stored after the review.',
  fields: (t) => ({ person: t.field({ type: Person, nullable: false, description: 'The person, with its new `version`.', resolve: (result) => result.person }) }),
});
const RejectPersonPayload = builder.objectRef<PersonRow>('RejectPersonPayload').implement({
  description: 'What was rejected: the person is gone with its links, and ingest will not create that name again.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'The slug the person had.' }),
    name: t.exposeString('name', { description: 'The name that is no longer a person.' }),
  }),
});

const editorsOnly = { editor: true } as const;

builder.mutationFields((t) => ({
  confirmPerson: t.field({
    type: PersonReviewPayload,
    description: 'Marks a person ingest created as reviewed (a real person, rightly named) if it is still at `expectedVersion`. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: ConfirmPersonInput, required: true, description: 'The person.' }) },
    resolve: async (_root, { input }) => ({ person: await confirmPerson(prisma, Number(input.id.id), input.expectedVersion) }),
  }),
  mergePerson: t.field({
    type: PersonReviewPayload,
    description: 'Merges a person into the one it really is: article links (mentions added up), event roles and countries move over, its names become aliases, and it is deleted. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: MergePersonInput, required: true, description: 'The two persons.' }) },
    resolve: async (_root, { input }) => ({ person: await mergePerson(prisma, Number(input.id.id), Number(input.intoId.id), input.expectedVersion) }),
  }),
  rejectPerson: t.field({
    type: RejectPersonPayload,
    description: 'Deletes an unreviewed person ingest created, with its links, and remembers its names so ingest never makes them a person again. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: RejectPersonInput, required: true, description: 'The person.' }) },
    resolve: (_root, { input }) => rejectPerson(prisma, Number(input.id.id), input.expectedVersion),
  }),
}));
