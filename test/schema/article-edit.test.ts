// Editor mutations on articles through yoga: create (validated, idempotent), update (expectedVersion), soft delete, races.
import { describe, expect, it } from 'vitest';
import { execute, prisma } from '../support/graph.ts';
import { as } from '../support/roles.ts';
import { graphql } from '../generated/index.ts';

const CreateArticle = graphql(`
  mutation CreateArticle($input: CreateArticleInput!) {
    createArticle(input: $input) { replayed article { id slug title language version modifiedAt sections { heading paragraphs } } }
  }
`);
const UpdateArticle = graphql(`
  mutation UpdateArticle($input: UpdateArticleInput!) {
    updateArticle(input: $input) { article { id slug title summary version modifiedAt } }
  }
`);
const DeleteArticle = graphql(`
  mutation DeleteArticle($input: DeleteArticleInput!) {
    deleteArticle(input: $input) { deletedArticleId version deletedAt }
  }
`);
const ArticleBySlug = graphql(`
  query ArticleBySlug($slug: String!) { article(slug: $slug) { title } }
`);

let counter = 0;
/** A valid new article with a unique title. */
function newArticle(extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    language: 'en',
    title: `Summit opens in Geneva, part ${counter}`,
    summary: 'Leaders meet.',
    sections: [{ heading: null, paragraphs: ['Leaders met on Monday.'] }],
    publishedAt: '2025-03-01T09:00:00.000Z',
    ...extra,
  };
}

async function create(extra: Record<string, unknown> = {}) {
  const { body } = await execute(CreateArticle, { input: newArticle(extra) as never }, as.editor);
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle;
}

describe('createArticle', () => {
  it('creates an article at version 1 with a slug made from its title', async () => {
    const { article, replayed } = await create();
    expect(replayed).toBe(false);
    expect(article).toMatchObject({ slug: `summit-opens-in-geneva-part-${counter}`, version: 1, language: 'en', sections: [{ heading: null, paragraphs: ['Leaders met on Monday.'] }] });
    expect(await prisma.article.count({ where: { slug: article.slug } })).toBe(1);
  });

  it('names the invalid field and why, and writes nothing', async () => {
    const before = await prisma.article.count();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ title: '   ' }, 'input.title', /must not be blank/],
      [{ language: 'not a language' }, 'input.language', /BCP 47/],
      [{ sourceUrl: 'ftp://example.org/x' }, 'input.sourceUrl', /http or https/],
      [{ sections: [{ paragraphs: [] }] }, 'input.sections.0.paragraphs', /at least one paragraph/],
      [{ sections: [] }, 'input.sections', /at least one section/],
      [{ slug: 'Not A Slug' }, 'input.slug', /lowercase/],
      [{ idempotencyKey: 'short' }, 'input.idempotencyKey', /at least 8/],
    ];
    for (const [extra, field, why] of cases) {
      const { status, body } = await execute(CreateArticle, { input: newArticle(extra) as never }, as.editor);
      expect(status, field).toBe(200);
      expect(body.data ?? null, field).toBeNull();
      expect(body.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors?.[0]?.message, field).toMatch(why);
    }
    expect(await prisma.article.count()).toBe(before);
  });

  it('refuses a slug that is taken, naming the field', async () => {
    const { article } = await create();
    const { body } = await execute(CreateArticle, { input: newArticle({ slug: article.slug }) as never }, as.editor);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slug' });
    expect(body.errors?.[0]?.message).toMatch(/slug/);
  });

  it('replays the first result for the same idempotency key and input, and refuses the key with another input', async () => {
    const input = newArticle({ idempotencyKey: 'create-article-key-1' });
    const first = await execute(CreateArticle, { input: input as never }, as.editor);
    const again = await execute(CreateArticle, { input: input as never }, as.editor);
    expect(first.body.data!.createArticle.replayed).toBe(false);
    expect(again.body.data!.createArticle).toEqual({ ...first.body.data!.createArticle, replayed: true });
    expect(await prisma.article.count({ where: { title: input.title } })).toBe(1);

    const other = await execute(CreateArticle, { input: { ...input, title: 'Another story' } as never }, as.editor);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    expect(await prisma.article.count({ where: { title: 'Another story' } })).toBe(0);

    // Keys belong to their caller: another editor's same key is a new create.
    const otherEditor = await execute(CreateArticle, { input: { ...input, slug: 'other-editor-same-key' } as never }, as.otherEditor);
    expect(otherEditor.body.data!.createArticle).toMatchObject({ replayed: false, article: { slug: 'other-editor-same-key' } });
  });

  it('creates once when the same key arrives twice at the same time', async () => {
    const input = newArticle({ idempotencyKey: 'create-article-concurrent' });
    const results = await Promise.all([1, 2].map(() => execute(CreateArticle, { input: input as never }, as.editor)));
    expect(results.map((r) => r.body.errors)).toEqual([undefined, undefined]);
    expect(results.map((r) => r.body.data!.createArticle.replayed).sort()).toEqual([false, true]);
    expect(new Set(results.map((r) => r.body.data!.createArticle.article.id)).size).toBe(1);
    expect(await prisma.article.count({ where: { title: input.title } })).toBe(1);
  });
});

describe('updateArticle', () => {
  it('changes the given fields, clears nulls, and raises version and modifiedAt', async () => {
    const { article } = await create();
    const { body } = await execute(UpdateArticle, { input: { id: article.id, expectedVersion: 1, title: 'New headline', summary: null } }, as.editor);
    expect(body.errors).toBeUndefined();
    const updated = body.data!.updateArticle.article;
    expect(updated).toMatchObject({ id: article.id, slug: article.slug, title: 'New headline', summary: null, version: 2 });
    expect(new Date(updated.modifiedAt).getTime()).toBeGreaterThan(new Date(article.modifiedAt).getTime());
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const { article } = await create();
    await execute(UpdateArticle, { input: { id: article.id, expectedVersion: 1, title: 'First edit' } }, as.editor);
    const { body } = await execute(UpdateArticle, { input: { id: article.id, expectedVersion: 1, title: 'Lost edit' } }, as.otherEditor);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    expect(await prisma.article.findFirst({ where: { slug: article.slug }, select: { title: true, version: true } })).toEqual({ title: 'First edit', version: 2 });
  });

  it('lets exactly one of two editors racing on the same version win; the other gets CONFLICT', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { article } = await create();
      const [a, b] = await Promise.all([
        execute(UpdateArticle, { input: { id: article.id, expectedVersion: 1, title: 'Editor A' } }, as.editor),
        execute(UpdateArticle, { input: { id: article.id, expectedVersion: 1, title: 'Editor B' } }, as.otherEditor),
      ]);
      const codes = [a, b].map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const winner = a.body.errors ? 'Editor B' : 'Editor A';
      expect(await prisma.article.findFirst({ where: { slug: article.slug }, select: { title: true, version: true } })).toEqual({ title: winner, version: 2 });
    }
  });

  it('refuses null for a required field and an unknown article, naming the field', async () => {
    const { article } = await create();
    const nulled = await execute(UpdateArticle, { input: { id: article.id, expectedVersion: 1, title: null } }, as.editor);
    expect(nulled.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const missing = await execute(UpdateArticle, { input: { id: Buffer.from('Article:999999').toString('base64'), expectedVersion: 1, title: 'x' } }, as.editor);
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    const wrongType = await execute(UpdateArticle, { input: { id: Buffer.from('Tag:1').toString('base64'), expectedVersion: 1 } }, as.editor);
    expect(wrongType.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('deleteArticle', () => {
  it('soft-deletes: the article disappears from reads, the row stays with deletedAt and a raised version', async () => {
    const { article } = await create();
    expect((await execute(ArticleBySlug, { slug: article.slug })).body.data!.article).not.toBeNull();
    const { body } = await execute(DeleteArticle, { input: { id: article.id, expectedVersion: 1 } }, as.editor);
    expect(body.data!.deleteArticle).toMatchObject({ deletedArticleId: article.id, version: 2, deletedAt: expect.any(String) });
    expect((await execute(ArticleBySlug, { slug: article.slug })).body.data!.article).toBeNull();
    expect(await prisma.article.findFirst({ where: { slug: article.slug }, select: { version: true, deletedAt: true } })).toMatchObject({ version: 2, deletedAt: expect.any(Date) });
    const again = await execute(DeleteArticle, { input: { id: article.id, expectedVersion: 2 } }, as.editor);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
  });

  it('refuses a stale version with CONFLICT and deletes nothing', async () => {
    const { article } = await create();
    await execute(UpdateArticle, { input: { id: article.id, expectedVersion: 1, title: 'Edited' } }, as.editor);
    const { body } = await execute(DeleteArticle, { input: { id: article.id, expectedVersion: 1 } }, as.editor);
    expect(body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await execute(ArticleBySlug, { slug: article.slug })).body.data!.article).toMatchObject({ title: 'Edited' });
  });
});
