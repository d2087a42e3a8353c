// The database a benchmark runs on: the one at DATABASE_URL (created when missing), migrated, seeded and filled with
// the synthetic corpus when it holds fewer articles than asked. Shared by the benches so they measure the same data.
import pg from 'pg';
import { migrate } from '../../src/db/migrate.ts';

/** The bench database's connection string from DATABASE_URL, or an error that says what to set. */
export function benchDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a scratch database, e.g. postgresql://root@127.0.0.1:5432/newsgraph_bench');
  return url;
}

/** Makes the database at `url` ready: created if missing, migrated, and seeded + corpus when it has fewer than `articles` articles. */
export async function prepareBenchDatabase(url: string, articles: number): Promise<{ articles: number }> {
  await createDatabaseIfMissing(url);
  await migrate(url);
  const { createPrismaClient } = await import('../../src/db/client.ts');
  const prisma = createPrismaClient(url, 1);
  try {
    if ((await prisma.article.count()) < articles) {
      const { seed } = await import('../../prisma/seed.ts');
      const { generateCorpus } = await import('../../prisma/corpus.ts');
      await seed(prisma);
      console.log(`writing the corpus (${articles} articles)…`);
      await generateCorpus(url, { articles });
    }
    return { articles: await prisma.article.count() };
  } finally {
    await prisma.$disconnect();
  }
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
