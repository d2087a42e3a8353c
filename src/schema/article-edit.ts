// Editor mutations on articles: create (idempotent), update (optimistic, expectedVersion), soft delete.
import { encodeGlobalID } from '@pothos/plugin-relay';
import * as z from 'zod/mini';
import { builder } from '../builder.ts';
import { prisma } from '../db/client.ts';
import { createOnce } from '../edit/idempotency.ts';
import { updateVersioned } from '../edit/versioned.ts';
import type { Article as ArticleRow, Prisma } from '../generated/prisma/client.ts';
import { Article } from './article.ts';
import { describe, rejectNulls, rules } from './support/inputs.ts';
import { slugFor } from './support/slug.ts';

const ArticleSectionInput = builder.inputType('ArticleSectionInput', {
  description: 'A part of an article body: an optional heading and its paragraphs.',
  fields: (t) => ({
    heading: t.string({ description: 'The section heading (at most 300 characters); null for the untitled lead.', validate: z.nullish(rules.title) }),
    paragraphs: t.stringList({ required: true, description: 'The paragraphs, in order (1 to 500, each at most 20,000 characters).', validate: z.array(rules.paragraph).check(z.minLength(1, 'at least one paragraph'), z.maxLength(500, 'at most 500 paragraphs')) }),
  }),
});
const sections = z.array(z.unknown()).check(z.minLength(1, 'at least one section'), z.maxLength(200, 'at most 200 sections'));

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The article fields both create and update take; `required` makes the create's mandatory ones non-null. */
function articleFields<Required extends boolean>(t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>, required: Required) {
  const must = <S extends z.ZodMiniType>(rule: S) => (required ? rule : z.optional(rule));
  return {
    slug: t.string({ description: describe.slug, validate: z.optional(rules.slug) }),
    language: t.string({ required, description: 'BCP 47 code of the language the article is written in, e.g. `hi`.', validate: must(rules.language) }),
    title: t.string({ required, description: 'The headline (at most 300 characters).', validate: must(rules.title) }),
    summary: t.string({ description: 'The standfirst (at most 2,000 characters); null for none.', validate: z.nullish(rules.summary) }),
    sections: t.field({ type: [ArticleSectionInput], required, description: 'The body as ordered sections (1 to 200).', validate: must(sections) }),
    publishedAt: t.field({ type: 'DateTime', required, description: 'When the source first published it.', validate: must(z.date()) }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the source last updated it; null for never.' }),
    sourceUrl: t.string({ description: 'Where the source publishes it (http or https, unique among articles); null for none.', validate: z.nullish(rules.url) }),
    sourceName: t.string({ description: 'Name of the publishing source (at most 200 characters); null for none.', validate: z.nullish(rules.name) }),
  };
}

const CreateArticleInput = builder.inputType('CreateArticleInput', {
  description: 'A new article.',
  fields: (t) => ({
    idempotencyKey: t.string({ description: describe.idempotencyKey, validate: z.nullish(rules.idempotencyKey) }),
    ...articleFields(t, true),
  }),
});

const UpdateArticleInput = builder.inputType('UpdateArticleInput', {
  description: 'Changes to an article: fields left out stay as they are; nullable fields set to null are cleared.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: Article, description: 'The article to change.' }),
    expectedVersion: t.int({ required: true, description: describe.expectedVersion, validate: rules.version }),
    ...articleFields(t, false),
  }),
});

const DeleteArticleInput = builder.inputType('DeleteArticleInput', {
  description: 'The article to delete.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: Article, description: 'The article to delete.' }),
    expectedVersion: t.int({ required: true, description: describe.expectedVersion, validate: rules.version }),
  }),
});

/** The Prisma data of an article input: only the fields given; null where a nullable field is cleared. */
function articleData(input: Record<string, unknown>): Prisma.ArticleUpdateInput {
  rejectNulls(input, ['slug', 'language', 'title', 'sections', 'publishedAt']);
  const keys = ['slug', 'language', 'title', 'summary', 'sections', 'publishedAt', 'updatedAt', 'sourceUrl', 'sourceName'] as const;
  const data = Object.fromEntries(keys.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]));
  if (typeof data.title === 'string') data.title = data.title.trim();
  return data as Prisma.ArticleUpdateInput;
}

const ArticlePayload = builder.objectRef<{ article: ArticleRow; replayed?: boolean }>('ArticlePayload').implement({
  description: 'The article as stored after the change.',
  fields: (t) => ({
    article: t.field({ type: Article, nullable: false, description: 'The article, with its new `version`.', resolve: (result) => result.article }),
    replayed: t.boolean({ description: 'True when an idempotency key replayed an earlier create instead of creating again.', resolve: (result) => result.replayed ?? false }),
  }),
});

const DeleteArticlePayload = builder.objectRef<ArticleRow>('DeleteArticlePayload').implement({
  description: 'What deleting an article did.',
  fields: (t) => ({
    deletedArticleId: t.id({ description: 'Global ID of the deleted article; it no longer appears in any read.', resolve: (row) => encodeGlobalID('Article', row.id) }),
    version: t.exposeInt('version', { description: 'Its version after the delete.' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true, description: 'When it was deleted.' }),
  }),
});

const editorsOnly = { editor: true } as const;

builder.mutationFields((t) => ({
  createArticle: t.field({
    type: ArticlePayload,
    description: 'Creates an article (version 1). Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: CreateArticleInput, required: true, description: 'The new article.' }) },
    resolve: async (_root, { input }, ctx) => {
      const data = { ...articleData(input), slug: input.slug ?? (await slugFor(input.title)) } as Prisma.ArticleCreateInput;
      const { row, replayed } = await createOnce(ctx.caller, 'createArticle', input, (db) => db.article.create({ data }), (id) => prisma.article.findUnique({ where: { id } }));
      ctx.logger.info('article created', { slug: row.slug, replayed });
      return { article: row, replayed };
    },
  }),
  updateArticle: t.field({
    type: ArticlePayload,
    description: 'Changes an article if it is still at `expectedVersion` (else CONFLICT, nothing changed); raises its version. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: UpdateArticleInput, required: true, description: 'The article and the changes.' }) },
    resolve: async (_root, { input }, ctx) => {
      const article = await updateVersioned<ArticleRow>(prisma, 'Article', Number(input.id.id), input.expectedVersion, articleData(input));
      ctx.logger.info('article updated', { slug: article.slug, version: article.version });
      return { article };
    },
  }),
  deleteArticle: t.field({
    type: DeleteArticlePayload,
    description: 'Deletes an article if it is still at `expectedVersion` (else CONFLICT): it disappears from every read and the change feed records the delete. Editors only.',
    authScopes: editorsOnly,
    args: { input: t.arg({ type: DeleteArticleInput, required: true, description: 'The article to delete.' }) },
    resolve: async (_root, { input }, ctx) => {
      const article = await updateVersioned<ArticleRow>(prisma, 'Article', Number(input.id.id), input.expectedVersion, { deletedAt: new Date() });
      ctx.logger.info('article deleted', { slug: article.slug, version: article.version });
      return article;
    },
  }),
}));
