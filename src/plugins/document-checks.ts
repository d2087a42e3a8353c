// Checks on the GraphQL document and its variables that graphql-js and graphql-armor leave out: how many definitions
// one document may hold, subscriptions (this API has none), text no column can hold, and "Did you mean …?" hints.
import { type ASTVisitor, GraphQLError, type ValidationContext, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from '../errors.ts';
import { MAX_DOCUMENT_DEFINITIONS } from '../settings.ts';

/** Refuses subscription operations with 400: the schema has no Subscription type, and executing one failed with a 500. */
function noSubscriptions(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'subscription' || context.getSchema().getSubscriptionType()) return;
      context.reportError(new GraphQLError('This API has no subscriptions: send a query or a mutation.', { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } }));
    },
  };
}

// NUL cannot be stored in PostgreSQL text, and an unpaired UTF-16 surrogate is no character at all (it would be stored
// as U+FFFD, or break URL and slug code): both are refused wherever they come from.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The dotted path of the first string in `value` that holds unstorable text, or undefined. */
function unstorablePath(value: unknown, path: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [item, at] = stack.pop()!;
    if (typeof item === 'string' && UNSTORABLE.test(item)) return at;
    if (item && typeof item === 'object') for (const [key, child] of Object.entries(item)) stack.push([child, `${at}.${key}`]);
  }
  return undefined;
}

/** The argument path of the first string literal in the document that holds unstorable text, or undefined. */
function unstorableLiteral(document: Parameters<typeof visit>[0]): string | undefined {
  const names: string[] = [];
  let found: string | undefined;
  visit(document, {
    Argument: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    ObjectField: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    StringValue(node) {
      if (found === undefined && UNSTORABLE.test(node.value)) found = names.join('.') || 'query';
    },
  });
  return found;
}

const unstorable = (field: string) =>
  badUserInput(`${field} holds NUL bytes or an unpaired UTF-16 surrogate, which no text can hold: remove them.`, { field, http: { status: 400 } });

/**
 * Bounds the definitions of a document (MAX_DOCUMENT_DEFINITIONS: validating thousands of operations blocks the event
 * loop), refuses subscriptions with 400, and refuses text no column can hold as BAD_USER_INPUT naming the argument.
 */
export function useDocumentChecks(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (!result || result instanceof Error || !('definitions' in result) || result.definitions.length <= MAX_DOCUMENT_DEFINITIONS) return;
        replaceParseResult(
          badUserInput(`The document defines ${result.definitions.length} operations and fragments; the most one request may send is ${MAX_DOCUMENT_DEFINITIONS}.`, {
            code: 'GRAPHQL_VALIDATION_FAILED',
            http: { status: 400 },
          }),
        );
      };
    },
    onValidate({ addValidationRule }) {
      addValidationRule(noSubscriptions);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const field = unstorableLiteral(args.document) ?? Object.keys(variables).map((name) => unstorablePath(variables[name], name)).find(Boolean);
      if (field) setResultAndStopExecution({ data: null, errors: [unstorable(field)] });
    },
  };
}

// graphql-js appends these hints to validation and variable errors; armor's blockFieldSuggestion removes only the ones on fields.
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** The error with its "Did you mean …?" hint removed (the same error when it has none). */
function withoutSuggestion<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(SUGGESTION, '');
  if (message === error.message) return error;
  const { nodes, source, positions, path, originalError, extensions } = error;
  return new GraphQLError(message, { nodes, source, positions, path, originalError, extensions });
}

/** Removes "Did you mean …?" hints (fields, arguments, enum values, input fields, types) from every error: outside development they map the schema for a caller without introspection. */
export function useHiddenSuggestions(): Plugin {
  return {
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map(withoutSuggestion));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors) return;
          setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
        },
      };
    },
  };
}
