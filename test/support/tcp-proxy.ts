// A loopback TCP proxy in front of a database, to take it away and bring it back (or cut connections mid-request)
// without touching the server itself.
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

/** A running proxy: `port` stays the same across down()/up(). */
export interface TcpProxy {
  port: number;
  /** Stops accepting and cuts every open connection: the database looks stopped (connection refused). */
  down(): Promise<void>;
  /** Accepts connections again on the same port. */
  up(): Promise<void>;
  /** Cuts every open connection, keeps accepting new ones. */
  cut(): void;
  /** Stops relaying the database's answers, so that a request hangs until cut(). */
  stall(on: boolean): void;
  /** Connections accepted so far. */
  accepted: number;
  close(): Promise<void>;
}

/** Where a proxy forwards to: a TCP host and port, or a unix socket path. */
export type ProxyTarget = { host: string; port: number } | { path: string };

/** Starts a proxy on a free loopback port (pass, stall() or cut() connections to `target`). */
export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let stalled = false;
  const proxy: TcpProxy = {
    port: 0,
    accepted: 0,
    async up() {
      server = createServer((client) => {
        proxy.accepted += 1;
        const upstream = 'path' in target ? connect(target.path) : connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        client.on('data', (chunk) => upstream.write(chunk));
        upstream.on('data', (chunk) => {
          if (!stalled) client.write(chunk);
        });
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      await new Promise<void>((resolve) => server!.listen(proxy.port, '127.0.0.1', resolve));
      proxy.port = (server.address() as AddressInfo).port;
    },
    async down() {
      const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      proxy.cut();
      await closed;
      server = undefined;
    },
    cut() {
      for (const socket of sockets) socket.destroy();
    },
    stall(on) {
      stalled = on;
    },
    close: () => proxy.down(),
  };
  await proxy.up();
  return proxy;
}

/**
 * A proxy in front of the database a PostgreSQL URL names, and the URL that reaches it through the proxy. A URL may name a
 * unix socket directory (`?host=/var/run/postgresql`, as libpq and node-postgres allow): the proxy then forwards to the
 * socket file `<dir>/.s.PGSQL.<port>`, and the proxied URL is plain TCP on loopback.
 */
export async function proxyDatabase(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
  const url = new URL(databaseUrl);
  const socketDir = url.searchParams.get('host') ?? (url.hostname.startsWith('%2F') ? decodeURIComponent(url.hostname) : '');
  const port = Number(url.port || 5432);
  const proxy = await startTcpProxy(socketDir.startsWith('/') ? { path: `${socketDir}/.s.PGSQL.${port}` } : { host: url.hostname, port });
  url.searchParams.delete('host');
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return { proxy, url: url.toString() };
}
