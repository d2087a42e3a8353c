import { useGraphQlJit } from '@envelop/graphql-jit';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { DocumentNode, GraphQLError } from 'graphql';
import { createYoga, type Plugin, type YogaServerOptions } from 'graphql-yoga';
import { createContext, type Context } from './context.ts';
import { maskError } from './errors.ts';
import { useCaching } from './plugins/caching.ts';
import { useDocumentChecks, useHiddenSuggestions } from './plugins/document-checks.ts';
import { useCostLimit, usePageSizeLimit } from './plugins/operation-limits.ts';
import { readPersistedDocuments, useDocumentPolicy } from './plugins/persisted-documents.ts';
import { usePrimaryForWrites } from './plugins/primary-for-writes.ts';
import { useBodyLimit, useCsrfPrevention, useNotFound, useRequestChecks } from './plugins/request-guards.ts';
import { useRequestLog, yogaLogging } from './plugins/request-log.ts';
import { useResponseSizeLimit } from './plugins/response-size.ts';
import { useRootFieldAuth } from './plugins/root-auth.ts';
import { schema } from './schema/index.ts';
import { stageSettings, type StageSettings } from './settings.ts';

/** The query GraphiQL opens with: the sample article and the graph around it. */
export const graphiqlDefaultQuery = /* GraphQL */ `# The sample article and the graph around it.
# Names follow Accept-Language: try {"Accept-Language": "hi"} under Headers.
query SampleArticle {
  article(slug: "putin-north-korea-visit-2024") {
    title
    updatedAt
    persons { totalCount edges { mentions node { name description } } }
    countries { edges { mentions node { code name } } }
    events {
      edges {
        node {
          title kind startsAt endsAt place
          participants { role person { name } }
          countries { edges { node { code name } } }
        }
      }
    }
    tags { edges { node { slug label } } }
    summary
    sections { heading paragraphs }
  }
}
`;

/** Gives graphql-armor's refusals (plain GraphQLErrors) the code of the validation step that raises them. */
const typed = (_context: unknown, error: GraphQLError) => {
  (error.extensions as Record<string, unknown>).code = 'GRAPHQL_VALIDATION_FAILED';
};

/** The header a form, multipart or text/plain POST must carry (CSRF prevention); GETs and JSON POSTs pass without it. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * Builds the app: the dev server and every Lambda handler serve what this returns.
 * `renderGraphiQL` and `plugins` let the dev server serve GraphiQL's assets itself instead of loading them from a CDN;
 * `stage` overrides the per-stage switches read from the environment (src/settings.ts).
 */
export function createNewsgraphYoga(options: { renderGraphiQL?: YogaServerOptions<Record<string, unknown>, Context>['renderGraphiQL']; plugins?: Plugin[]; stage?: Partial<StageSettings> } = {}) {
  const stage = { ...stageSettings(), ...options.stage };
  // Documents that ran once: graphql-jit compiles a document when it runs again (see below).
  const ranOnce = new WeakSet<DocumentNode>();
  const manifest = stage.persistedDocumentsFile ? readPersistedDocuments(stage.persistedDocumentsFile) : undefined;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    renderGraphiQL: options.renderGraphiQL,
    context: createContext,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: stage.graphiql && { title: 'newsgraph', defaultQuery: graphiqlDefaultQuery },
    batching: false, // one operation per request: limits apply per request, and a batch would multiply them
    // useBodyLimit enforces per-role limits far below yoga's 25 MB default, whose check pipes every body through a stream.
    maxRequestBodySize: false,
    maskedErrors: { maskError },
    logging: yogaLogging,
    plugins: [
      useRequestLog(), // first: a plugin that answers early skips the request hooks after it
      ...(options.plugins ?? []),
      useNotFound('/graphql'),
      useBodyLimit(),
      useCsrfPrevention([CSRF_HEADER, 'apollo-require-preflight']),
      useRequestChecks(),
      useDocumentChecks(),
      ...(stage.fieldSuggestions ? [] : [useHiddenSuggestions()]),
      ...useDocumentPolicy(stage.documents, manifest),
      EnvelopArmorPlugin({
        maxDepth: { n: 12, onReject: [typed] },
        maxAliases: { n: 20, onReject: [typed] },
        maxDirectives: { n: 20, onReject: [typed] },
        maxTokens: { n: 5000 },
        // Replaced by useCostLimit: armor's cost ignores variables and page sizes.
        costLimit: { enabled: false },
        blockFieldSuggestion: { enabled: !stage.fieldSuggestions },
      }),
      ...(stage.introspection ? [] : [useDisableIntrospection()]),
      useRootFieldAuth(),
      useCostLimit(),
      usePageSizeLimit(),
      // Compiles a document into a function that runs it (the stock executor interprets it on every request) from its
      // second run on: compiling costs more than interpreting once, so a cold start's first request does not wait for it.
      // Before the response cache, which wraps the execute function it sets.
      useGraphQlJit({}, { enableIf: ({ document }) => ranOnce.has(document) || (ranOnce.add(document), false) }),
      ...useCaching(schema, stage),
      // After graphql-jit and the cache, which set the execute function this one wraps.
      usePrimaryForWrites(),
      useResponseSizeLimit(),
    ],
  });
}

/** The app with default options. */
export const yoga = createNewsgraphYoga();
