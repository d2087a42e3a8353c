import { PothosValidationError } from '@pothos/core';
import { createGraphQLError, maskError as maskUnexpected, type YogaMaskedErrorOpts } from 'graphql-yoga';

/** Errors a client caused (bad arguments, bad cursors): shown with their message and code BAD_USER_INPUT. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}) {
  return createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

/** A problem with what the caller sent (an unparseable article, a bad URL), thrown by domain code outside GraphQL; maps to BAD_USER_INPUT. */
export class UserInputError extends Error {
  override name = 'UserInputError';
}

/** The one place errors are mapped: argument and cursor errors from Pothos reach the client, anything unexpected is masked. */
export const maskError: YogaMaskedErrorOpts['maskError'] = (error, message, isDev) => {
  const original = (error as { originalError?: unknown }).originalError;
  if (original instanceof PothosValidationError) {
    return badUserInput(original.message, { path: (error as { path?: unknown }).path });
  }
  if (original instanceof UserInputError) return badUserInput(original.message);
  return maskUnexpected(error, message, isDev);
};
