import { createHash } from 'node:crypto';
import type { Caller } from '../auth.ts';
import { prisma } from '../db/client.ts';
import { UserInputError } from '../errors.ts';
import type { Db } from './versioned.ts';

/** How long a key is remembered: a key older than this counts as new. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** JSON with object keys sorted, so that equal inputs hash equally whatever order their fields came in. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Runs a create at most once per (caller, idempotency key): the first call creates and remembers the new row's id in
 * the same transaction; a repeat with the same input replays that row (`replayed: true`); a repeat with another input
 * is refused (BAD_USER_INPUT on input.idempotencyKey). Concurrent repeats wait on the key's row and then replay.
 * Without a key the create simply runs.
 */
export async function createOnce<R extends { id: number }>(
  caller: Caller,
  operation: string,
  input: { idempotencyKey?: string | null },
  create: (db: Db) => Promise<R>,
  load: (id: number) => Promise<R | null>,
): Promise<{ row: R; replayed: boolean }> {
  const { idempotencyKey: key, ...rest } = input;
  if (!key) return prisma.$transaction(async (tx) => ({ row: await create(tx), replayed: false }));
  const callerId = caller.id ?? caller.role;
  const inputHash = createHash('sha256').update(canonical(rest)).digest('hex');
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.idempotencyKey.deleteMany({ where: { callerId, key, createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS) } } });
    // INSERT … ON CONFLICT DO NOTHING: a concurrent holder of the key makes this wait until it commits or rolls back.
    const { count } = await tx.idempotencyKey.createMany({ data: [{ callerId, key, operation, inputHash }], skipDuplicates: true });
    if (count === 1) {
      const row = await create(tx);
      await tx.idempotencyKey.update({ where: { callerId_key: { callerId, key } }, data: { resultId: String(row.id) } });
      return { row, replayed: false as const };
    }
    const first = await tx.idempotencyKey.findUniqueOrThrow({ where: { callerId_key: { callerId, key } } });
    if (first.operation !== operation || first.inputHash !== inputHash) {
      throw new UserInputError(
        `This idempotency key was already used by ${first.operation} with a different input; use a new key for a new create.`,
        'input.idempotencyKey',
      );
    }
    return { id: Number(first.resultId), replayed: true as const };
  });
  if (!outcome.replayed) return outcome;
  const row = await load(outcome.id);
  if (!row) throw new UserInputError('What this idempotency key created no longer exists; use a new key.', 'input.idempotencyKey');
  return { row, replayed: true };
}
