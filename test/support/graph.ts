// A migrated database with the sample data for one test file, and the app's yoga on top of it.
// Import this module before anything from src/: the Prisma client reads DATABASE_URL when first imported.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, print } from 'graphql';
import { afterAll } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase } from './database.ts';
import { countStatements } from './statements.ts';

const database = await createTestDatabase();
await migrate(database.url);
const serverUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL = database.url;
const { pool, prisma } = await import('../../src/db/client.ts');
const recorders = new Set<string[]>();
const statements = countStatements(pool, (sql) => recorders.forEach((recorder) => recorder.push(sql)));
// Later test files in this worker must see the server URL again, not this scratch database.
if (serverUrl === undefined) delete process.env.DATABASE_URL;
else process.env.DATABASE_URL = serverUrl;
const { seed } = await import('../../prisma/seed.ts');
await seed(prisma);
const { yoga } = await import('../../src/yoga.ts');

afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

export { prisma, yoga };

/** Connection string of this test file's database, for code that must connect itself (e.g. a bundled handler in a child process). */
export const databaseUrl = database.url;

/** SQL statements the test database has received so far (compare before and after a raw request). */
export const sqlStatementCount = statements;

/** An array that receives the SQL of every statement sent from now on. */
export function recordStatements(): string[] {
  const recorder: string[] = [];
  recorders.add(recorder);
  return recorder;
}

/** An executed operation as a client sees it: HTTP status, headers and the parsed body. */
export interface Response<TResult> {
  status: number;
  headers: Headers;
  body: ExecutionResult<TResult> & { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  /** SQL statements the database received while serving it. */
  statements: number;
}

/** POSTs a typed operation to /graphql through yoga.fetch (real HTTP semantics, no socket). */
export async function execute<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
  headers: Record<string, string> = {},
): Promise<Response<TResult>> {
  const before = statements();
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json(), statements: statements() - before };
}

/** The data of a successful operation; fails the test with the errors otherwise. */
export async function data<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables?: TVariables, headers?: Record<string, string>) {
  const { body } = await execute(document, variables, headers);
  if (body.errors?.length || !body.data) throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * Adds `count` articles a minute apart from 2025-01-01 (slugs `extra-00`, …; Hindi and English in turn), each linked
 * like the sample: to Vladimir Putin, Russia and North Korea or the US, the tag diplomacy and the Pyongyang visit.
 */
export async function addArticlesLinkedLikeTheSample(count: number) {
  const putin = await prisma.person.findUniqueOrThrow({ where: { slug: 'vladimir-putin' } });
  const diplomacy = await prisma.tag.findUniqueOrThrow({ where: { slug: 'diplomacy' } });
  const visit = await prisma.event.findUniqueOrThrow({ where: { slug: 'putin-visit-pyongyang-2024' } });
  for (let i = 0; i < count; i += 1) {
    await prisma.article.create({
      data: {
        slug: `extra-${String(i).padStart(2, '0')}`,
        language: i % 2 ? 'en' : 'hi',
        title: `Extra article ${i}`,
        sections: [{ heading: null, paragraphs: [`Paragraph ${i}`] }],
        publishedAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
        persons: { create: { personId: putin.id, mentions: 1 + (i % 3) } },
        countries: { create: [{ countryCode: 'RU' }, { countryCode: i % 2 ? 'US' : 'KP' }] },
        tags: { create: { tagId: diplomacy.id } },
        events: { create: { eventId: visit.id } },
      },
    });
  }
}
