import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

/** Creates a Prisma client over node-postgres for one connection string; it emits a `query` event per SQL statement. */
export function createPrismaClient(connectionString: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 5)) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolSize }),
    log: [{ emit: 'event', level: 'query' }],
  });
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (the dev server and tests start the embedded database and set it first)');

/** The process-wide Prisma client; DATABASE_URL must be set before this module is imported. */
export const prisma = createPrismaClient(url);
