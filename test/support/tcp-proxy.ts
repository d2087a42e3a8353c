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

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let stalled = false;
  const proxy: TcpProxy = {
    port: 0,
    accepted: 0,
    async up() {
      server = createServer((client) => {
        proxy.accepted += 1;
        const upstream = connect(target.port, target.host);
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
