import type { Plugin } from 'graphql-yoga';

/**
 * Answers requests for any path but the GraphQL endpoint with 404 and a GraphQL-over-HTTP error body
 * (yoga's own 404 has an empty body), so clients always get `errors[].extensions.code`.
 */
export function useNotFound(graphqlEndpoint: string): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname === graphqlEndpoint) return;
      const graphqlResponse = request.headers.get('accept')?.includes('application/graphql-response+json');
      const body = {
        errors: [{ message: `Not found: ${url.pathname}. GraphQL is served at ${graphqlEndpoint}.`, extensions: { code: 'NOT_FOUND' } }],
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 404,
          headers: { 'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8` },
        }),
      );
    },
  };
}
