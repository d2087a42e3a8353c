// A PgBouncer (Debian's `pgbouncer` package) of this test's own on a loopback port, in transaction mode in front of a
// PostgreSQL server: every transaction may run on another server connection, as behind RDS Proxy.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Where Debian installs it; `apt-get install pgbouncer`. */
export const PGBOUNCER = '/usr/sbin/pgbouncer';

export interface PgBouncer {
  /** `url` with host and port of the pooler. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts PgBouncer in front of the server of `url` with `serverConnections` server connections per database and user. */
export async function startPgBouncer(url: string, serverConnections: number): Promise<PgBouncer> {
  const target = new URL(url);
  const user = decodeURIComponent(target.username) || 'postgres';
  const dir = await mkdtemp(path.join(tmpdir(), 'pgbouncer-'));
  await chmod(dir, 0o755); // PgBouncer refuses to run as root: it reads its files as `postgres`
  const port = await freePort();
  const config = path.join(dir, 'pgbouncer.ini');
  await writeFile(path.join(dir, 'users.txt'), `"${user}" ""\n`);
  await writeFile(
    config,
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${serverConnections}`,
      'max_client_conn = 200',
      'server_reset_query =',
      'logfile =',
      'pidfile =',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(PGBOUNCER, asRoot ? ['-u', 'postgres', config] : [config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.on('error', (error) => (stderr += `${error.message}: install Debian's pgbouncer (apt-get install pgbouncer)`));
  const pooled = new URL(url);
  pooled.hostname = '127.0.0.1';
  pooled.port = String(port);
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      child.kill('SIGINT'); // PgBouncer's "shut down now"
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt += 1) {
    const client = new pg.Client({ connectionString: pooled.toString() });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return { url: pooled.toString(), stop };
    } catch (error) {
      await client.end().catch(() => {});
      if (attempt >= 50 || child.exitCode !== null || child.pid === undefined) {
        await stop();
        throw new Error(`pgbouncer did not start: ${stderr || (error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
