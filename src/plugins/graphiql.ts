// GraphiQL for the dev server without a CDN, as a small page plus separate assets: yoga's offline renderer inlines
// 9 MB of script and styles into every page load, uncompressed and uncacheable.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as graphiql from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

interface Asset {
  type: string;
  body: Buffer;
  /** Compressed once, on first request. */
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
}

/** Serves each asset under a name holding its content hash, so it can be cached for a year and changes name when it changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * GraphiQL served offline: `render` writes the page (a few kB, linking the assets), `plugin` serves the assets
 * under `<endpoint>/assets/<name>.<hash>.<ext>`, compressed (brotli or gzip, as the browser accepts) and cached for a year.
 */
export function offlineGraphiQL(endpoint: string): { render: (options?: GraphiQLOptions) => string; plugin: Plugin } {
  const assets = new Map<string, Asset>();
  const add = (name: string, type: string, body: Buffer) => {
    const file = `${endpoint}/assets/${name.replace('.', `.${createHash('sha256').update(body).digest('hex').slice(0, 16)}.`)}`;
    assets.set(file, { type, body, encoded: {} });
    return file;
  };
  const js = add('graphiql.js', 'text/javascript; charset=utf-8', Buffer.from(graphiql.js));
  const css = add('graphiql.css', 'text/css; charset=utf-8', Buffer.from(graphiql.css));
  const favicon = add('favicon.ico', 'image/x-icon', Buffer.from(graphiql.favicon.replace(/^data:[^,]*;base64,/, ''), 'base64'));
  const workers = {
    editorWorkerService: add('editor.worker.js', 'text/javascript; charset=utf-8', Buffer.from(graphiql.editorWorkerService)),
    json: add('json.worker.js', 'text/javascript; charset=utf-8', Buffer.from(graphiql.jsonWorker)),
    graphql: add('graphql.worker.js', 'text/javascript; charset=utf-8', Buffer.from(graphiql.graphqlWorker)),
  };
  // JSON in a <script> element: `<` escaped so no value can close the element.
  const inline = (value: unknown) => JSON.stringify(value ?? {}).replace(/</g, '\\u003c');
  const render = (options?: GraphiQLOptions) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${(options?.title ?? 'GraphiQL').replace(/[<&]/g, '')}</title>
    <link rel="icon" href="${favicon}" />
    <link rel="stylesheet" href="${css}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${inline(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
    </script>
    <script src="${js}"></script>
    <script>YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${inline(options)});</script>
  </body>
</html>
`;
  const plugin: Plugin = {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(`${endpoint}/assets/`)) return;
      const asset = assets.get(url.pathname);
      if (!asset) {
        endResponse(new fetchAPI.Response('Not found: GraphiQL assets change name when they change; reload the page.', { status: 404 }));
        return;
      }
      const accepted = request.headers.get('accept-encoding') ?? '';
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
      if (encoding) {
        // Brotli at a middle quality: the top ones take seconds on the 5 MB script for a few percent.
        asset.encoded[encoding] ??= encoding === 'br' ? brotliCompressSync(asset.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzipSync(asset.body, { level: 9 });
      }
      const body = encoding ? asset.encoded[encoding]! : asset.body;
      const headers: Record<string, string> = { 'content-type': asset.type, 'cache-control': IMMUTABLE, vary: 'Accept-Encoding', 'content-length': String(body.byteLength) };
      if (encoding) headers['content-encoding'] = encoding;
      endResponse(new fetchAPI.Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: 200, headers }));
    },
  };
  return { render, plugin };
}
