import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { notAuthorized, type Role } from './auth.ts';
import type { Context } from './context.ts';
import { prisma } from './db/client.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';
import { invalidInput } from './errors.ts';
import { fieldCost } from './plugins/operation-limits.ts';
import { DEFAULT_PAGE_SIZE, MAX_ID, ROLE_MAX_PAGE_SIZE } from './settings.ts';

/**
 * Object types that implement Node, whose global IDs `node`/`nodes` accept, and the one spelling of each key: a positive
 * int4 without sign, leading zeros, spaces or exponent (else `Article:01` and `Article:1.5` would name article 1 too),
 * or a country code.
 */
const NODE_KEYS: Record<string, RegExp> = { Article: /^[1-9][0-9]{0,9}$/, Person: /^[1-9][0-9]{0,9}$/, Tag: /^[1-9][0-9]{0,9}$/, Event: /^[1-9][0-9]{0,9}$/, Country: /^[A-Z]{2}$/ };

/** The roles whose scopes a failed authorization check asked for. */
function rolesNeeded(failure: AuthFailure): Role[] {
  if (failure.kind === AuthScopeFailureType.AuthScope) return [failure.scope as Role];
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes) return failure.failures.flatMap(rolesNeeded);
  return ['editor'];
}

/** The one Pothos builder: configuration and scalars only; types live in src/schema/. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
  };
  Connection: { totalCount: number | (() => number | Promise<number>) };
  AuthScopes: { editor: boolean; analytics: boolean };
}>({
  // scope-auth first among the resolver wrappers. Argument validation runs before any wrapper (as an argument mapper),
  // so root fields that need a role are also checked before execution by useRootFieldAuth (src/plugins/root-auth.ts).
  plugins: [ScopeAuthPlugin, ComplexityPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin, DataloaderPlugin, SimpleObjectsPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({ editor: ctx.caller.role === 'editor', analytics: ctx.caller.role === 'analytics' }),
    unauthorizedError: (_parent, ctx, _info, result) => notAuthorized(ctx.caller, rolesNeeded(result.failure)),
  },
  // Field costs only: the limit is checked, and the cost reported, by useCostLimit (src/plugins/operation-limits.ts) before execution.
  complexity: { fieldComplexity: fieldCost },
  validation: { validationError: (failure) => invalidInput(failure.issues) },
  defaultFieldNullability: false,
  prisma: {
    client: prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    // The largest any role may ask for; usePageSizeLimit rejects pages above the caller's own cap before execution.
    maxConnectionSize: Math.max(...Object.values(ROLE_MAX_PAGE_SIZE)),
    onUnusedQuery: process.env.NODE_ENV === 'test' ? 'error' : null,
  },
  relay: {
    clientMutationId: 'omit',
    // Global IDs are base64("Type:key"); one naming a type that is no node of ours, or a key in any but its canonical
    // spelling, is the client's mistake, not a server error.
    decodeGlobalID: (globalID) => {
      let decoded: { typename: string; id: string } | undefined;
      try {
        decoded = decodeGlobalID(globalID);
      } catch {
        // reported below
      }
      const key = decoded && NODE_KEYS[decoded.typename];
      if (!decoded || !key?.test(decoded.id) || (decoded.typename !== 'Country' && Number(decoded.id) > MAX_ID)) {
        throw new PothosValidationError(`Invalid global ID: ${JSON.stringify(String(globalID).slice(0, 100))} is no ID this API gave out.`);
      }
      return decoded;
    },
    cursorType: 'String',
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when nothing has that ID.',
      args: { id: { description: 'A global ID from an `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by their global IDs, in the same order; null for IDs that match nothing.',
      args: { ids: { description: 'Global IDs from `id` fields.' } },
    },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID that `node(id:)` accepts.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection, for fetching the pages around it.' },
    idFieldOptions: { description: 'Globally unique, opaque ID; pass it to `node(id:)`.' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge, for `after`/`before`.' },
    nodeFieldOptions: { description: 'The object at the end of this edge.' },
    edgesFieldOptions: { description: 'The edges of this page, in order.' },
    pageInfoFieldOptions: { description: 'Cursors and whether more pages exist.' },
    hasNextPageFieldOptions: { description: 'True when items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge on this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge on this page.' },
    firstArgOptions: { description: `Page size counted from the start (default ${DEFAULT_PAGE_SIZE}, at most ${ROLE_MAX_PAGE_SIZE.anonymous}; ${ROLE_MAX_PAGE_SIZE.analytics} for analytics keys).` },
    lastArgOptions: { description: `Page size counted from the end (at most ${ROLE_MAX_PAGE_SIZE.anonymous}; ${ROLE_MAX_PAGE_SIZE.analytics} for analytics keys).` },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
});

builder.addScalarType('DateTime', DateTimeResolver, {});
builder.addScalarType('Date', DateResolver, {});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole connection holds, across all pages.',
    resolve: (parent) => (typeof parent.totalCount === 'function' ? parent.totalCount() : parent.totalCount),
  }),
);

builder.queryType({ description: 'Read access to the news graph.' });
builder.mutationType({ description: 'Changes to the news graph; each needs the role its description names.' });
