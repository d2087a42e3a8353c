// What a graphql container does in Lambda's init phase (src/lambda/init.ts), by how Lambda initialises it.
import { expect, it } from 'vitest';
import { recordStatements } from '../support/graph.ts';

const { initContainer } = await import('../../src/lambda/init.ts');
// Prisma's statements name their tables with the schema; the hand-written reads do not.
const byPrisma = (sql: string) => sql.includes('"public".');

it('reads the countries in SQL at an on-demand init, and loads Prisma as well only for provisioned concurrency', async () => {
  const onDemand = recordStatements();
  await initContainer('on-demand');
  expect(onDemand).toEqual([expect.stringMatching(/FROM "Country"/)]);
  expect(onDemand.filter(byPrisma)).toEqual([]);

  const provisioned = recordStatements();
  await initContainer('provisioned-concurrency');
  // The countries are cached by now: the one statement is Prisma's.
  expect(provisioned).toHaveLength(1);
  expect(provisioned.filter(byPrisma)).toHaveLength(1);
});
