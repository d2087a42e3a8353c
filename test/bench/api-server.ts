// Our server for `npm run bench:api`: src/server.ts as it is (the yoga every Lambda handler serves), plus a count of the
// SQL statements its pool sends, answered over IPC ('statements'). Run with NODE_ENV=production, DATABASE_URL and PORT set.
import { pool } from '../../src/db/client.ts';
import { countStatements } from '../support/statements.ts';

const statements = countStatements(pool);
process.on('message', (message) => {
  if (message === 'statements') process.send?.({ statements: statements() });
});
await import('../../src/server.ts');
