// Our server for `npm run bench:api`: src/server.ts as it is (the yoga every Lambda handler serves), plus a count of the
// SQL statements Prisma sends, answered over IPC ('statements'). Run with NODE_ENV=production, DATABASE_URL and PORT set.
import { prisma } from '../../src/db/client.ts';

let statements = 0;
prisma.$on('query', () => {
  statements += 1;
});
process.on('message', (message) => {
  if (message === 'statements') process.send?.({ statements });
});
await import('../../src/server.ts');
