// The authorization matrix, generated from the schema: every mutation and every field with auth scopes × every role.
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  type GraphQLInputType, type GraphQLObjectType, getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth.ts';
import { execute, prisma } from '../support/graph.ts';
import { as, rowCounts, versionSum } from '../support/roles.ts';

// After support/graph.ts: src/ modules read DATABASE_URL when first imported.
const { schema } = await import('../../src/schema/index.ts');

const ROLES: Role[] = ['anonymous', 'analytics', 'editor'];
const sample = await prisma.article.findFirstOrThrow({ where: { slug: 'putin-north-korea-visit-2024' } });

/** A value of the type that passes GraphQL's own validation (the resolvers may still refuse it). */
function probeValue(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [probeValue(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((field) => isNonNullType(field.type));
    return Object.fromEntries(fields.map((field) => [field.name, probeValue(field.type)]));
  }
  switch (inner.name) {
    case 'Int': return 1;
    case 'Float': return 1;
    case 'Boolean': return true;
    case 'ID': return encodeGlobalID('Article', 2_147_483_647); // no such article: editors' probes must not change the fixtures
    case 'DateTime': return '2025-01-01T00:00:00.000Z';
    case 'Date': return '2025-01-01';
    default: return 'authorization matrix probe';
  }
}

const mutationFields = Object.values(schema.getMutationType()!.getFields());
const restricted = Object.values(schema.getTypeMap())
  .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && type !== schema.getMutationType())
  .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field, scopes: (field.extensions as { pothosOptions?: { authScopes?: Record<string, boolean> } }).pothosOptions?.authScopes })))
  .filter(({ scopes }) => scopes && typeof scopes === 'object');

/** Roles a field's auth scopes let in (scopes are named after roles; any one of them suffices). */
const allowedRoles = (scopes: Record<string, boolean>) => ROLES.filter((role) => scopes[role] === true);

/** A Query field listing this type as a connection (`articles`, `persons`, …). */
function rootConnectionOf(typeName: string) {
  return Object.values(schema.getQueryType()!.getFields()).find((field) => {
    const named = getNamedType(field.type);
    if (!isObjectType(named) || !named.name.endsWith('Connection')) return false;
    const edge = getNamedType(named.getFields().edges?.type);
    return isObjectType(edge) && getNamedType(edge.getFields().node!.type).name === typeName;
  });
}

async function globalIdOf(typeName: string) {
  const delegate = (prisma as unknown as Record<string, { findFirstOrThrow(args: object): Promise<{ id: number }> }>)[typeName.charAt(0).toLowerCase() + typeName.slice(1)]!;
  const row = await delegate.findFirstOrThrow({ where: typeName === 'Article' ? { deletedAt: null } : {}, orderBy: { id: 'asc' } });
  return encodeGlobalID(typeName, row.id);
}

describe('authorization matrix', () => {
  it('covers every mutation and at least the bookkeeping fields', () => {
    expect(mutationFields.length).toBeGreaterThanOrEqual(12);
    expect(restricted.map(({ type, field }) => `${type.name}.${field.name}`)).toEqual(expect.arrayContaining(['Article.version', 'Article.modifiedAt', 'Person.version', 'Tag.version', 'Event.version']));
  });

  for (const field of mutationFields) {
    const input = field.args.find((arg) => arg.name === 'input');
    const document = parse(`mutation Probe($input: ${input!.type.toString()}) { ${field.name}(input: $input) { __typename } }`);
    for (const role of ROLES) {
      it(`Mutation.${field.name} × ${role}`, async () => {
        const before = { rows: await rowCounts(prisma as never), versions: await versionSum(prisma) };
        const { status, body, statements } = await execute(document as never, { input: probeValue(input!.type) } as never, as[role]);
        const code = body.errors?.[0]?.extensions?.code;
        if (role === 'editor') {
          expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(code);
          return;
        }
        expect(code).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        expect(status).toBe(role === 'anonymous' ? 401 : 403);
        expect(body.data ?? null).toBeNull();
        expect(statements).toBe(0); // refused before any resolver or validation touched the database
        expect({ rows: await rowCounts(prisma as never), versions: await versionSum(prisma) }).toEqual(before);
      });
    }
  }

  for (const { type, field, scopes } of restricted) {
    const allowed = allowedRoles(scopes!);
    const connection = rootConnectionOf(type.name);
    const paths = {
      node: `query Probe($id: ID!) { node(id: $id) { ... on ${type.name} { ${field.name} } } }`,
      nodes: `query Probe($id: ID!) { nodes(ids: [$id]) { ... on ${type.name} { ${field.name} } } }`,
      ...(connection && { edges: `query Probe { ${connection.name}(first: 1) { edges { node { ${field.name} } } } }` }),
      ...(type.name === 'Article' && { nested: `query Probe($id: ID!) { node(id: $id) { ... on Tag { articles(first: 1) { edges { node { ${field.name} } } } } } }` }),
    };
    for (const role of ROLES) {
      for (const [via, query] of Object.entries(paths)) {
        it(`${type.name}.${field.name} × ${role} via ${via}`, async () => {
          const id = via === 'nested' ? encodeGlobalID('Tag', (await prisma.articleTag.findFirstOrThrow({ where: { articleId: sample.id } })).tagId) : await globalIdOf(type.name);
          const { body } = await execute(parse(query) as never, { id } as never, as[role]);
          const text = JSON.stringify(body.data);
          if (allowed.includes(role)) {
            expect(body.errors).toBeUndefined();
            expect(text).toContain(`"${field.name}":`);
          } else {
            expect(body.errors?.[0]?.extensions?.code).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
            expect(body.errors?.[0]?.path?.at(-1)).toBe(field.name);
            expect(text ?? '').not.toContain(`"${field.name}":`);
          }
        });
      }
    }
  }
});
