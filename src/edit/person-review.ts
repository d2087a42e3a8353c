// Editors' review of the persons ingest created: confirm one, merge it into the person it really is (its names
// become aliases there), or reject it (it goes, and ingest never creates that name again).
import { UserInputError } from '../errors.ts';
import type { Person, PrismaClient } from '../generated/prisma/client.ts';
import { formKey } from '../ingest/mentions.ts';
import { movePersonLinks } from '../sql/ingest.ts';
import { updateVersioned } from './versioned.ts';

type Names = Record<string, string[]>;

/** Marks a person reviewed (raising its version; CONFLICT when it is no longer at `expectedVersion`). */
export function confirmPerson(prisma: PrismaClient, id: number, expectedVersion: number): Promise<Person> {
  return prisma.$transaction((tx) => updateVersioned<Person>(tx, 'Person', id, expectedVersion, { reviewed: true }));
}

/** `into`'s names with every name of `from` added as an alias in the same language, none twice. */
export function mergedNames(into: Names, from: Names, fromName: string): Names {
  const merged: Names = structuredClone(into);
  const known = new Set(Object.values(into).flat().map(formKey));
  const language = Object.keys(from)[0] ?? 'en';
  for (const [lang, list] of Object.entries({ ...from, [language]: [...(from[language] ?? []), fromName] })) {
    for (const name of list) {
      if (known.has(formKey(name))) continue;
      known.add(formKey(name));
      merged[lang] = [...(merged[lang] ?? []), name];
    }
  }
  return merged;
}

/**
 * Merges person `fromId` into `intoId`: its article links (mentions added up), event roles and countries move over,
 * its names become aliases of `intoId`, and it is deleted; `intoId` is marked reviewed and its version raised
 * (CONFLICT when it is no longer at `expectedVersion`). One transaction.
 */
export async function mergePerson(prisma: PrismaClient, fromId: number, intoId: number, expectedVersion: number): Promise<Person> {
  if (fromId === intoId) throw new UserInputError('A person cannot be merged into itself.', 'input.intoId');
  return prisma.$transaction(async (tx) => {
    const from = await tx.person.findUnique({ where: { id: fromId } });
    if (!from) throw new UserInputError('No Person has the ID given in input.id.', 'input.id');
    const into = await tx.person.findUnique({ where: { id: intoId } });
    if (!into) throw new UserInputError('No Person has the ID given in input.intoId.', 'input.intoId');
    // Links both persons have are added up on the survivor; the rest move over.
    await movePersonLinks(tx, fromId, intoId);
    await tx.person.delete({ where: { id: fromId } });
    const names = mergedNames(into.names as Names, from.names as Names, from.name);
    return updateVersioned<Person>(tx, 'Person', intoId, expectedVersion, { names, reviewed: true }, 'input.intoId');
  });
}

/**
 * Rejects a person ingest created (an unreviewed one): deletes it with its links and remembers its names, so
 * ingest never creates or links them as a person again. CONFLICT when it is no longer at `expectedVersion`.
 */
export async function rejectPerson(prisma: PrismaClient, id: number, expectedVersion: number): Promise<Person> {
  return prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id } });
    if (!person) throw new UserInputError('No Person has the ID given in input.id.', 'input.id');
    if (person.reviewed) throw new UserInputError('Only a person ingest created and no editor has reviewed can be rejected; merge a reviewed one instead.', 'input.id');
    // The version check first, so a stale reject changes nothing.
    await updateVersioned(tx, 'Person', id, expectedVersion, {});
    const names = [person.name, ...Object.values(person.names as Names).flat()];
    await tx.rejectedPersonName.createMany({ data: names.map((name) => ({ key: formKey(name), name })), skipDuplicates: true });
    await tx.person.delete({ where: { id } });
    return person;
  });
}
