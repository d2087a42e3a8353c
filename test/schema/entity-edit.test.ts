// Editor mutations on persons, tags and events, and linking entities to articles and events.
import { describe, expect, it } from 'vitest';
import { execute, prisma } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';

const CreatePerson = graphql(`
  mutation CreatePerson($input: CreatePersonInput!) { createPerson(input: $input) { replayed person { id slug name names { language value aliases } description version } } }
`);
const UpdatePerson = graphql(`
  mutation UpdatePerson($input: UpdatePersonInput!) { updatePerson(input: $input) { person { name version modifiedAt } } }
`);
const CreateTag = graphql(`
  mutation CreateTag($input: CreateTagInput!) { createTag(input: $input) { tag { id slug label labels { language value } version } } }
`);
const UpdateTag = graphql(`
  mutation UpdateTag($input: UpdateTagInput!) { updateTag(input: $input) { tag { label version } } }
`);
const CreateEvent = graphql(`
  mutation CreateEvent($input: CreateEventInput!) { createEvent(input: $input) { event { id slug title kind startsAt endsAt country { code } version } } }
`);
const UpdateEvent = graphql(`
  mutation UpdateEvent($input: UpdateEventInput!) { updateEvent(input: $input) { event { title endsAt version } } }
`);
const LinkEntity = graphql(`
  mutation LinkEntity($input: LinkEntityInput!) {
    linkEntity(input: $input) { changed article { version persons { edges { mentions node { slug } } } tags { edges { node { slug } } } } event { version participants { role person { slug } } } }
  }
`);
const UnlinkEntity = graphql(`
  mutation UnlinkEntity($input: UnlinkEntityInput!) { unlinkEntity(input: $input) { changed article { version tags { totalCount } } } }
`);
const SampleIds = graphql(`
  query SampleIds { article(slug: "putin-north-korea-visit-2024") { id version } event(slug: "putin-visit-pyongyang-2024") { id version } country(code: "IN") { id } }
`);

describe('persons, tags and events', () => {
  it('creates a person with names in several languages and updates it under expectedVersion', async () => {
    const created = await execute(CreatePerson, {
      input: { name: 'Narendra Modi', names: [{ language: 'hi', value: 'नरेंद्र मोदी', aliases: ['मोदी'] }], descriptions: [{ language: 'en', value: 'Prime Minister of India' }], idempotencyKey: 'person-modi-0001' },
    }, as.editor);
    expect(created.body.errors).toBeUndefined();
    const person = created.body.data!.createPerson.person;
    expect(person).toMatchObject({ slug: 'narendra-modi', name: 'Narendra Modi', names: [{ language: 'hi', value: 'नरेंद्र मोदी', aliases: ['मोदी'] }], description: 'Prime Minister of India', version: 1 });
    const updated = await execute(UpdatePerson, { input: { id: person.id, expectedVersion: 1, name: 'Narendra D. Modi' } }, as.editor);
    expect(updated.body.data!.updatePerson.person).toMatchObject({ name: 'Narendra D. Modi', version: 2 });
    const stale = await execute(UpdatePerson, { input: { id: person.id, expectedVersion: 1, name: 'Lost' } }, as.editor);
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const cleared = await execute(UpdatePerson, { input: { id: person.id, expectedVersion: 2, name: null } }, as.editor);
    expect(cleared.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('creates and updates tags, refusing a taken slug and a language given twice', async () => {
    const created = await execute(CreateTag, { input: { label: 'Elections', labels: [{ language: 'hi', value: 'चुनाव' }] } }, as.editor);
    const tag = created.body.data!.createTag.tag;
    expect(tag).toMatchObject({ slug: 'elections', labels: [{ language: 'hi', value: 'चुनाव' }], version: 1 });
    expect((await execute(UpdateTag, { input: { id: tag.id, expectedVersion: 1, label: 'Polls' } }, as.editor)).body.data!.updateTag.tag).toEqual({ label: 'Polls', version: 2 });
    const taken = await execute(CreateTag, { input: { label: 'Elections again', slug: 'elections' } }, as.editor);
    expect(taken.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slug' });
    const twice = await execute(CreateTag, { input: { label: 'Twice', labels: [{ language: 'hi', value: 'a' }, { language: 'HI', value: 'b' }] } }, as.editor);
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.labels' });
  });

  it('creates events, checking the time span and the country', async () => {
    const input = { title: 'G20 summit 2025', kind: 'SUMMIT' as const, startsAt: '2025-11-22T00:00:00.000Z', endsAt: '2025-11-23T00:00:00.000Z', countryCode: 'za' };
    const created = await execute(CreateEvent, { input }, as.editor);
    const event = created.body.data!.createEvent.event;
    expect(event).toMatchObject({ slug: 'g20-summit-2025', kind: 'SUMMIT', country: { code: 'ZA' }, version: 1 });
    const backwards = await execute(UpdateEvent, { input: { id: event.id, expectedVersion: 1, endsAt: '2025-11-01T00:00:00.000Z' } }, as.editor);
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endsAt' });
    expect((await execute(UpdateEvent, { input: { id: event.id, expectedVersion: 1, endsAt: null } }, as.editor)).body.data!.updateEvent.event).toMatchObject({ endsAt: null, version: 2 });
    const nowhere = await execute(CreateEvent, { input: { ...input, title: 'Nowhere summit', countryCode: 'QQ' } }, as.editor);
    expect(nowhere.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countryCode' });
  });
});

describe('linkEntity and unlinkEntity', () => {
  it('links a person to an article and an event, raising the subject\'s version only when something changed', async () => {
    const ids = (await execute(SampleIds, {}, as.editor)).body.data!;
    const person = (await execute(CreatePerson, { input: { name: 'Sergei Shoigu' } }, as.editor)).body.data!.createPerson.person;
    const linked = await execute(LinkEntity, { input: { subjectId: ids.article!.id, entityId: person.id, mentions: 2, expectedVersion: ids.article!.version } }, as.editor);
    expect(linked.body.errors).toBeUndefined();
    expect(linked.body.data!.linkEntity).toMatchObject({ changed: true, event: null, article: { version: ids.article!.version + 1 } });
    expect(linked.body.data!.linkEntity.article!.persons.edges).toContainEqual({ mentions: 2, node: { slug: 'sergei-shoigu' } });
    const same = await execute(LinkEntity, { input: { subjectId: ids.article!.id, entityId: person.id, mentions: 2 } }, as.editor);
    expect(same.body.data!.linkEntity).toMatchObject({ changed: false, article: { version: ids.article!.version + 1 } });
    const stale = await execute(LinkEntity, { input: { subjectId: ids.article!.id, entityId: person.id, mentions: 3, expectedVersion: ids.article!.version } }, as.editor);
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await prisma.articlePerson.findFirst({ where: { person: { slug: 'sergei-shoigu' } }, select: { mentions: true } })).toEqual({ mentions: 2 });

    const participant = await execute(LinkEntity, { input: { subjectId: ids.event!.id, entityId: person.id, role: 'delegation' } }, as.editor);
    expect(participant.body.data!.linkEntity.event!.participants).toContainEqual({ role: 'delegation', person: { slug: 'sergei-shoigu' } });
    expect(participant.body.data!.linkEntity.event!.version).toBe(ids.event!.version + 1);
  });

  it('lets one of two editors tagging an article at the same version win; the other gets CONFLICT and changes nothing', async () => {
    const ids = (await execute(SampleIds, {}, as.editor)).body.data!;
    const tags = await Promise.all(['Race one', 'Race two'].map(async (label) => (await execute(CreateTag, { input: { label } }, as.editor)).body.data!.createTag.tag));
    const results = await Promise.all(tags.map((tag, i) =>
      execute(LinkEntity, { input: { subjectId: ids.article!.id, entityId: tag.id, expectedVersion: ids.article!.version } }, i ? as.otherEditor : as.editor)));
    expect(results.map((result) => result.body.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const linked = await prisma.articleTag.count({ where: { article: { slug: 'putin-north-korea-visit-2024' }, tag: { slug: { startsWith: 'race-' } } } });
    expect(linked).toBe(1);
  });

  it('unlinks, and refuses links that make no sense, naming the field', async () => {
    const ids = (await execute(SampleIds, {}, as.editor)).body.data!;
    const tag = (await execute(CreateTag, { input: { label: 'Temporary' } }, as.editor)).body.data!.createTag.tag;
    await execute(LinkEntity, { input: { subjectId: ids.article!.id, entityId: tag.id } }, as.editor);
    const removed = await execute(UnlinkEntity, { input: { subjectId: ids.article!.id, entityId: tag.id } }, as.editor);
    expect(removed.body.data!.unlinkEntity.changed).toBe(true);
    expect((await execute(UnlinkEntity, { input: { subjectId: ids.article!.id, entityId: tag.id } }, as.editor)).body.data!.unlinkEntity.changed).toBe(false);

    const tagOnEvent = await execute(LinkEntity, { input: { subjectId: ids.event!.id, entityId: tag.id } }, as.editor);
    expect(tagOnEvent.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.entityId' });
    const roleOnArticle = await execute(LinkEntity, { input: { subjectId: ids.article!.id, entityId: ids.country!.id, role: 'host' } }, as.editor);
    expect(roleOnArticle.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    const tooMany = await execute(LinkEntity, { input: { subjectId: ids.article!.id, entityId: ids.country!.id, mentions: 0 } }, as.editor);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mentions' });
  });
});
