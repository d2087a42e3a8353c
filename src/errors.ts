import { PothosValidationError } from '@pothos/core';
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as maskUnexpected, type YogaMaskedErrorOpts } from 'graphql-yoga';
import { databaseFault, sqlStateOf } from './db/faults.ts';

/**
 * The GraphQL error of a client's mistake (bad arguments, bad cursors), code BAD_USER_INPUT: built here for the checks
 * that run before execution; resolvers and domain code throw UserInputError instead, which maskError turns into this.
 */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}, path?: readonly (string | number)[]) {
  return createGraphQLError(message, { path, extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** A problem with what the caller sent (an argument out of range, an unparseable article, a bad URL): the one error to throw for it; maps to BAD_USER_INPUT. */
export class UserInputError extends Error {
  override name = 'UserInputError';
  /** The argument or input field at fault, as a dotted path (e.g. `first`, `input.title`), when one is. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** A write that lost a race or was based on a stale read: CONFLICT, and nothing was changed. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(message: string, readonly extensions: Record<string, unknown> = {}) {
    super(message);
  }
}

/** The dotted path of a validation issue, e.g. `input.names.0.value`. */
function issuePath(issue: StandardSchemaV1.Issue) {
  return (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

/** BAD_USER_INPUT naming each field at fault and why: `field` is the first, `issues` all of them. */
export function invalidInput(issues: readonly StandardSchemaV1.Issue[]) {
  const listed = issues.map((issue) => ({ field: issuePath(issue), message: issue.message }));
  const message = listed.map(({ field, message }) => (field ? `${field}: ${message}` : message)).join('; ');
  return badUserInput(`Invalid input: ${message}`, { field: listed[0]?.field, issues: listed });
}

/**
 * What the database refused to store or compare because of the input: a data exception (SQLSTATE 22xxx), or a unique
 * (P2002) or foreign-key (P2003) violation as the input field it concerns (the column comes from the constraint's
 * fields, else from its name: `Tag_slug_key`, `Event_countryCode_fkey`).
 */
function storageRefusal(error: unknown): UserInputError | null {
  const e = error as { code?: unknown; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } } } };
  const cause = (e?.meta?.driverAdapterError?.cause ?? {}) as { kind?: string; code?: string };
  // SQLSTATE class 22, data exceptions: a value PostgreSQL cannot store or compare, e.g. text with a NUL character.
  // The same from node-postgres directly (the hand-written SQL reads): a DatabaseError carries the SQLSTATE as `code`.
  const sqlState = (cause.kind === 'postgres' ? cause.code : undefined) ?? (typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) ? e.code : undefined);
  if (sqlState?.startsWith('22')) return new UserInputError('A value in the request is not valid for the database (e.g. text with a NUL character, or a number out of range).');
  if (e?.code !== 'P2002' && e?.code !== 'P2003') return null;
  const constraint = e.meta?.driverAdapterError?.cause?.constraint;
  const named = /^[A-Za-z]+_(.+)_f?key$/.exec(constraint?.index ?? '')?.[1];
  const column = (constraint?.fields?.[0] ?? (Array.isArray(e.meta?.target) ? String(e.meta.target[0]) : named) ?? 'input').replace(/"/g, '');
  return e.code === 'P2002'
    ? new UserInputError(`${column} is already taken by another object: choose another.`, `input.${column}`)
    : new UserInputError(`${column} names nothing that exists.`, `input.${column}`);
}

/** The one place errors are mapped: client mistakes and conflicts reach the client, database faults become retryable, anything else is masked. */
export const maskError: YogaMaskedErrorOpts['maskError'] = (error, message, isDev) => {
  const masked = mapError(error, message, isDev);
  // Yoga puts a parser's own message (e.g. of invalid JSON) under `extensions.originalError`: internals, outside development.
  const extensions = (masked as { extensions?: Record<string, unknown> }).extensions;
  if (isDev || !extensions || !('originalError' in extensions)) return masked;
  // Yoga answers such an error with its status only while the original is attached; the status must not depend on it.
  const { originalError: _internal, http, ...rest } = extensions as { originalError?: unknown; http?: { spec?: boolean } };
  const { spec: _spec, ...status } = http ?? {};
  return createGraphQLError((masked as Error).message, { path: (masked as { path?: readonly (string | number)[] }).path, extensions: { ...rest, ...(http && { http: status }) } });
};

const mapError: YogaMaskedErrorOpts['maskError'] = (error, message, isDev) => {
  const original = (error as { originalError?: unknown }).originalError;
  const path = (error as { path?: readonly (string | number)[] }).path;
  // Pothos' own plugins report bad arguments (cursors, global IDs) with PothosValidationError.
  if (original instanceof PothosValidationError) return badUserInput(original.message, {}, path);
  const input = original instanceof UserInputError ? original : storageRefusal(original);
  if (input) return badUserInput(input.message, input.field ? { field: input.field } : {}, path);
  if (original instanceof ConflictError) return createGraphQLError(original.message, { path, extensions: { code: 'CONFLICT', ...original.extensions } });
  const fault = databaseFault(original);
  if (fault) {
    const { code, status, message: text } = fault;
    return createGraphQLError(text, { extensions: { code, retryable: true, http: { status, headers: { 'Retry-After': '1' } } } });
  }
  return maskUnexpected(error, message, isDev);
};

/** How a log line should report an error yoga hands to its logger. */
export interface ErrorLogEntry {
  /** `error` for bugs (masked as INTERNAL_SERVER_ERROR), `warn` for database faults (retryable 503), `info` for the caller's own mistakes (with their code). */
  level: 'error' | 'warn' | 'info';
  /** The error as thrown (name, message, stack), its SQLSTATE when the database raised it, and where in the operation. */
  attributes: { error: unknown; sqlState?: string; prismaCode?: string; path?: string; code?: string };
}

/** Classifies an error the way maskError does, and gives what a log line needs to find its cause. */
export function errorLogEntry(error: unknown): ErrorLogEntry {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const path = (error as { path?: readonly (string | number)[] })?.path?.join('.');
  const code = (original as { code?: unknown })?.code;
  const attributes = { error: original, sqlState: sqlStateOf(original), prismaCode: typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined, path };
  const expected = original instanceof PothosValidationError || original instanceof UserInputError || original instanceof ConflictError || storageRefusal(original) !== null;
  return { level: expected ? 'info' : databaseFault(original) ? 'warn' : 'error', attributes: expected ? { ...attributes, code: (maskError(error, '', false) as GraphQLError).extensions?.code as string | undefined } : attributes };
}
