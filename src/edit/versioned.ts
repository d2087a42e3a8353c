import type { Prisma } from '../generated/prisma/client.ts';
import { ConflictError, UserInputError } from '../errors.ts';

/** A client or transaction: what the writes run on. */
export type Db = Prisma.TransactionClient;

/** The models whose rows carry `version` and `modifiedAt`, by GraphQL type name. */
const MODELS = { Article: 'article', Person: 'person', Event: 'event', Tag: 'tag' } as const;
export type VersionedType = keyof typeof MODELS;

type Row = { id: number; version: number; deletedAt?: Date | null };
// The four delegates differ only in their row types; one loosely typed view of them beats four copies of this logic.
type Delegate = {
  updateManyAndReturn(args: { where: object; data: object }): Promise<Row[]>;
  findUnique(args: { where: { id: number } }): Promise<Row | null>;
};

/**
 * Writes `data` to one row and raises its version, in a single conditional UPDATE (…WHERE id = $1 AND version = $2),
 * so of two writers that read the same version exactly one wins. Without `expectedVersion` the write is unconditional.
 * A missing (or deleted) row is BAD_USER_INPUT on `field`; a stale version is CONFLICT and changes nothing.
 */
export async function updateVersioned<T extends Row>(db: Db, type: VersionedType, id: number, expectedVersion: number | null | undefined, data: object, field = 'input.id'): Promise<T> {
  const delegate = db[MODELS[type]] as unknown as Delegate;
  const where = { id, ...(expectedVersion != null && { version: expectedVersion }), ...(type === 'Article' && { deletedAt: null }) };
  const [row] = await delegate.updateManyAndReturn({ where, data: { ...data, version: { increment: 1 } } });
  if (row) return row as T;
  const current = await delegate.findUnique({ where: { id } });
  if (!current || current.deletedAt) throw new UserInputError(`No ${type} has the ID given in ${field}.`, field);
  throw new ConflictError(
    `${type} ${id} is at version ${current.version}, not ${expectedVersion}: it changed since you read it. Nothing was changed; read it again and retry.`,
    { currentVersion: current.version, expectedVersion },
  );
}
