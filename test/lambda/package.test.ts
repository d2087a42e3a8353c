// `npm run package` as a deploy would run it (offline, no AWS credentials), then the bundled artifacts in fresh
// Node processes: the graphql handler against this file's database, the migrate handler against an empty one; and
// `npm run offline`, the same zips behind serverless-offline's emulated HTTP API, through the GraphQL-over-HTTP audit.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { unzipSync } from 'fflate';
import { print } from 'graphql';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrateResult } from '../../src/db/migrate.ts';
import { graphql } from '../generated/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { databaseUrl, prisma } from '../support/graph.ts';
import { graphqlPost, httpApiEvent } from '../support/http-api-event.ts';
import { invokeBundle } from '../support/invoke-bundle.ts';
import { as } from '../support/roles.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const GRAPHQL_BUNDLE = `${root}.build/graphql/functions/graphql.mjs`;
const MIGRATE_BUNDLE = `${root}.build/migrate/functions/migrate.mjs`;

type Resource = { Type: string; Properties: Record<string, any> };
let resources: Record<string, Resource>;

beforeAll(async () => {
  const env = { ...process.env };
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[key];
  await promisify(execFile)('npm', ['run', 'package'], { cwd: root, env });
  resources = JSON.parse(await readFile(`${root}.serverless/cloudformation-template-update-stack.json`, 'utf8')).Resources;
}, 120_000);

const zipEntries = async (name: string) => Object.keys(unzipSync(await readFile(`${root}.serverless/${name}.zip`))).sort();
const ofType = (type: string) => Object.values(resources).filter((resource) => resource.Type === type);

describe('npm run package', () => {
  it('writes a CloudFormation template with both routes on the graphql function and CORS', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map((route) => route.Properties.RouteKey);
    expect(routes.sort()).toEqual(['GET /graphql', 'POST /graphql']);
    const integrations = ofType('AWS::ApiGatewayV2::Integration').map((i) => JSON.stringify(i.Properties.IntegrationUri));
    expect(integrations).toEqual([expect.stringContaining('GraphqlLambdaFunction')]);
    expect(integrations[0]).not.toContain('Migrate');
    expect(ofType('AWS::ApiGatewayV2::Api')[0]!.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['*'],
      AllowMethods: expect.arrayContaining(['GET', 'POST']),
      AllowHeaders: expect.arrayContaining(['content-type', 'accept-language', 'authorization', 'x-graphql-yoga-csrf']),
    });
  });

  it('declares both functions: handler, nodejs22.x on arm64, environment, timeouts in the right order', () => {
    const graphqlFunction = resources.GraphqlLambdaFunction!.Properties;
    const migrateFunction = resources.MigrateLambdaFunction!.Properties;
    for (const [fn, name] of [[graphqlFunction, 'graphql'], [migrateFunction, 'migrate']] as const) {
      expect(fn).toMatchObject({ Handler: `functions/${name}.handler`, Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      expect(fn.Code.S3Key).toMatch(new RegExp(`/${name}\\.zip$`));
      expect(fn.Environment.Variables).toMatchObject({
        DATABASE_URL_PARAMETER: '/newsgraph/dev/database-url',
        DATABASE_POOL_SIZE: '1',
        NODE_OPTIONS: '--max-semi-space-size=32',
        LOG_LEVEL: expect.any(String),
      });
      // The connection string and its password never sit in the configuration.
      expect(JSON.stringify(fn.Environment.Variables)).not.toMatch(/postgres(ql)?:/);
      expect(fn.Environment.Variables.DATABASE_URL ?? '').toBe('');
    }
    expect(graphqlFunction.Environment.Variables).toMatchObject({ EDITOR_API_KEYS: expect.any(String), ANALYTICS_API_KEYS: expect.any(String) });
    expect(Object.keys(migrateFunction.Environment.Variables).filter((name) => name.endsWith('API_KEYS'))).toEqual([]);
    // statement timeout < function timeout < API Gateway's 30 s: a slow query is answered by our code.
    const statementTimeoutMs = Number(graphqlFunction.Environment.Variables.DATABASE_STATEMENT_TIMEOUT_MS);
    expect(statementTimeoutMs).toBeGreaterThan(0);
    expect(statementTimeoutMs).toBeLessThan(graphqlFunction.Timeout * 1000);
    expect(graphqlFunction.Timeout).toBeLessThan(30);
  });

  it('gives each function its own role, which may read only its stage\'s database-url parameter, and caps concurrency', () => {
    const graphqlFunction = resources.GraphqlLambdaFunction!.Properties;
    const migrateFunction = resources.MigrateLambdaFunction!.Properties;
    expect(graphqlFunction.Role).toEqual({ 'Fn::GetAtt': ['GraphqlRole', 'Arn'] });
    expect(migrateFunction.Role).toEqual({ 'Fn::GetAtt': ['MigrateRole', 'Arn'] });
    expect(ofType('AWS::IAM::Role')).toHaveLength(2); // no shared default role
    for (const role of ['GraphqlRole', 'MigrateRole']) {
      const statements = resources[role]!.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement);
      const ssm = statements.filter((statement: any) => JSON.stringify(statement.Action).includes('ssm:'));
      expect(ssm).toHaveLength(1);
      expect(ssm[0].Action).toBe('ssm:GetParameter');
      expect(JSON.stringify(ssm[0].Resource)).toContain('parameter/newsgraph/dev/database-url');
      // Only X-Ray's actions, which take no resource, may name every resource.
      expect(statements.filter((statement: any) => statement.Resource === '*').flatMap((statement: any) => statement.Action)).toEqual(role === 'GraphqlRole' ? ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] : []);
    }
    // The dev stage's default; prod's is sized to the database in the README, "Database connections".
    expect(graphqlFunction.ReservedConcurrentExecutions).toBe(10);
    expect(migrateFunction.ReservedConcurrentExecutions).toBe(1);
  });

  it('logs API Gateway access, throttles the stage, keeps log groups after the stack, and traces and pre-warms only when a stage asks', () => {
    const stage = ofType('AWS::ApiGatewayV2::Stage')[0]!.Properties;
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) });
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(stage.DefaultRouteSettings.ThrottlingRateLimit);
    expect(stage.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] });
    expect(Object.keys(JSON.parse(stage.AccessLogSettings.Format))).toEqual(expect.arrayContaining(['requestId', 'status', 'routeKey', 'responseLatency', 'integrationLatency']));
    const logGroups = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::Logs::LogGroup');
    expect(logGroups.map(([name]) => name).sort()).toEqual(['GraphqlLogGroup', 'HttpApiLogGroup', 'MigrateLogGroup']);
    for (const [, group] of logGroups) expect(group).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { RetentionInDays: 30 } });
    // The default stage: no X-Ray, no provisioned concurrency (prod turns tracing on; see params in serverless.yml).
    expect(resources.GraphqlLambdaFunction!.Properties.TracingConfig).toBeUndefined();
    expect(resources.GraphqlLambdaFunction!.Properties.Environment.Variables).toMatchObject({ POWERTOOLS_TRACE_ENABLED: 'false', GRAPHQL_GRAPHIQL: 'false', GRAPHQL_INTROSPECTION: 'false' });
    expect(ofType('AWS::Lambda::Alias')).toEqual([]);
  });

  it('ships only the bundles, their source maps, the query compiler as a binary and the migration SQL, in at most 2.5 MiB', async () => {
    const graphqlEntries = await zipEntries('graphql');
    const bundles = graphqlEntries.filter((entry) => entry.endsWith('.mjs'));
    expect(bundles).toContain('functions/graphql.mjs');
    expect(graphqlEntries.sort()).toEqual([...bundles, ...bundles.map((bundle) => `${bundle}.map`), 'functions/query_compiler_bg.wasm'].sort());
    expect((await readFile(`${root}.serverless/graphql.zip`)).byteLength).toBeLessThanOrEqual(2.5 * 1024 * 1024);
    // Read by the entry bundle, not inlined as base64 text; ingest's language tools are chunks loaded on the first ingest.
    const entry = await readFile(`${root}.build/graphql/functions/graphql.mjs`, 'utf8');
    expect(entry.length).toBeLessThan(2_000_000);
    expect(entry).not.toMatch(/AGFzbQ/); // base64 of the WebAssembly magic number
    // What a cold start loads: the entry bundle, the app it imports at init (after reading DATABASE_URL), and the chunks
    // those import statically, transitively.
    type Output = { inputs: Record<string, unknown>; imports: Array<{ path: string; kind: string }> };
    const outputs = JSON.parse(await readFile(`${root}.build/graphql.meta.json`, 'utf8')).outputs as Record<string, Output>;
    const entryOutput = Object.keys(outputs).find((output) => output.endsWith('functions/graphql.mjs'))!;
    const app = outputs[entryOutput]!.imports.filter((imported) => imported.kind === 'dynamic-import' && Object.keys(outputs[imported.path]?.inputs ?? {}).some((input) => /src\/(yoga|lambda\/init)\.ts$/.test(input)));
    expect(app.length).toBeGreaterThan(0);
    const loaded = new Set([entryOutput, ...app.map((imported) => imported.path)]);
    for (const output of loaded) for (const imported of outputs[output]!.imports) if (imported.kind === 'import-statement' && outputs[imported.path]) loaded.add(imported.path);
    const loadedInputs = [...loaded].flatMap((output) => Object.keys(outputs[output]!.inputs));
    // Nor a second Fetch API: yoga uses Node's own, as hono's adapter does.
    expect(loadedInputs.filter((input) => /node_modules\/(any-ascii|franc-min|compromise|chrono-node|aws-xray-sdk-core|@whatwg-node\/node-fetch)\//.test(input))).toEqual([]);
    expect(loadedInputs.some((input) => input.includes('node_modules/graphql/'))).toBe(true);
    const migrations = (await readdir(`${root}prisma/migrations`)).map((name) => `prisma/migrations/${name}/migration.sql`);
    const migrateBundles = (await zipEntries('migrate')).filter((entry) => entry.endsWith('.mjs'));
    expect(await zipEntries('migrate')).toEqual([...migrateBundles, ...migrateBundles.map((bundle) => `${bundle}.map`), ...migrations].sort());
    const inputs = Object.keys(JSON.parse(await readFile(`${root}.build/graphql.meta.json`, 'utf8')).inputs);
    const compilers = inputs.filter((input) => input.includes('query_compiler'));
    expect(compilers.length).toBeGreaterThan(0);
    expect(compilers.every((input) => input.includes('.postgresql.'))).toBe(true);
    expect(inputs.filter((input) => /node_modules\/(vitest|vite|tsx|prisma|@electric-sql)\//.test(input))).toEqual([]);
  });
});

const BundledArticle = graphql(`
  query BundledArticle($slug: String!) { article(slug: $slug) { slug title } }
`);

describe('the bundled graphql handler', () => {
  const variables = { slug: 'putin-north-korea-visit-2024' };
  const request = { ...graphqlPost(print(BundledArticle)), body: JSON.stringify({ query: print(BundledArticle), variables, operationName: 'BundledArticle' }) };

  it('answers the sample article from a v2 event in a fresh process, logging each request with the Lambda context', async () => {
    const events = [httpApiEvent(request), httpApiEvent(request)];
    const run = await invokeBundle<APIGatewayProxyStructuredResultV2>(GRAPHQL_BUNDLE, events, {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'INFO',
      POWERTOOLS_LOG_LEVEL: undefined,
    });
    const [first, second] = run.results;
    expect(first!.statusCode).toBe(200);
    expect(JSON.parse(first!.body!).data.article).toMatchObject({ slug: 'putin-north-korea-visit-2024', title: expect.stringContaining('पुतिन') });
    expect(second!.body).toBe(first!.body);
    const requests = run.logs.filter((line) => line.message === 'graphql request');
    const line = { operationName: 'BundledArticle', status: 200, errorCodes: [], role: 'anonymous', cost: expect.any(Number), durationMs: expect.any(Number) };
    expect(requests).toEqual([
      expect.objectContaining({ ...line, cold_start: true, correlation_id: events[0]!.requestContext.requestId, function_name: 'newsgraph-local' }),
      expect.objectContaining({ ...line, cold_start: false, correlation_id: events[1]!.requestContext.requestId }),
    ]);
    expect(requests[0]).toHaveProperty('function_request_id');
  });

  it('logs one line for every request, refused ones too, with status, codes and role but never the key', async () => {
    const query = print(BundledArticle);
    const cases = [
      { request: { ...request, body: '{"query": ' }, status: 400, errorCodes: ['BAD_REQUEST'] },
      { request: { ...request, body: JSON.stringify({ query, variables: { slug: 'x'.repeat(70_000) } }) }, status: 413, errorCodes: ['PAYLOAD_TOO_LARGE'] },
      { request: graphqlPost('query Misspelt { articel(slug: "x") { title } }'), status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] },
      { request: graphqlPost('mutation Remove { deleteArticle(input: { id: "QXJ0aWNsZTox", expectedVersion: 1 }) { version } }', undefined, as.analytics), status: 403, errorCodes: ['FORBIDDEN'], role: 'analytics', operationName: 'Remove' },
    ];
    const run = await invokeBundle<APIGatewayProxyStructuredResultV2>(GRAPHQL_BUNDLE, cases.map((c) => httpApiEvent(c.request)), { DATABASE_URL: databaseUrl, LOG_LEVEL: 'INFO', POWERTOOLS_LOG_LEVEL: undefined });
    expect(run.results.map((result) => result.statusCode)).toEqual(cases.map((c) => c.status));
    const requests = run.logs.filter((line) => line.message === 'graphql request');
    expect(requests).toEqual(cases.map(({ status, errorCodes, role = 'anonymous', operationName = 'anonymous' }) => expect.objectContaining({ status, errorCodes, role, operationName, durationMs: expect.any(Number) })));
    expect(requests[3]!.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(run.stdout + run.stderr).not.toContain(as.analytics.authorization!.slice('Bearer '.length));
  });

  it('logs an unexpected database error with its SQLSTATE and a stack that points into the sources', async () => {
    // A database that refuses every tag update with an error no code expects: RAISE's SQLSTATE P0001.
    await prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_tag_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'tags are frozen'; END $$`);
    await prisma.$executeRawUnsafe('CREATE TRIGGER refuse_tag_update BEFORE UPDATE ON "Tag" FOR EACH ROW EXECUTE FUNCTION refuse_tag_update()');
    try {
      const tag = await prisma.tag.findFirstOrThrow();
      const id = Buffer.from(`Tag:${tag.id}`).toString('base64');
      const mutation = `mutation Rename { updateTag(input: { id: "${id}", expectedVersion: ${tag.version}, label: "renamed" }) { tag { label } } }`;
      const run = await invokeBundle<APIGatewayProxyStructuredResultV2>(GRAPHQL_BUNDLE, [httpApiEvent(graphqlPost(mutation, undefined, as.editor))], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'INFO', POWERTOOLS_LOG_LEVEL: undefined });
      expect(JSON.parse(run.results[0]!.body!).errors[0]).toMatchObject({ message: 'Unexpected error.' });
      const errors = run.logs.filter((line) => line.level === 'ERROR');
      expect(errors).toEqual([expect.objectContaining({ message: 'unexpected error', sqlState: 'P0001', path: 'updateTag', error: expect.objectContaining({ message: expect.stringContaining('tags are frozen') }) })]);
      // Source-mapped when logged (the bundle's own positions mean nothing to a reader).
      expect((errors[0]!.error as { stack: string }).stack).toMatch(/src\/(edit|schema)\/[\w-]+\.ts:\d+:\d+/);
      expect(run.logs.find((line) => line.message === 'graphql request')).toMatchObject({ operationName: 'Rename', errorCodes: ['INTERNAL_SERVER_ERROR'], role: 'editor' });
    } finally {
      await prisma.$executeRawUnsafe('DROP TRIGGER refuse_tag_update ON "Tag"');
      await prisma.$executeRawUnsafe('DROP FUNCTION refuse_tag_update()');
    }
  });

  it('emits CloudWatch metrics as EMF: requests, latency and cost by operation, errors by operation and code', async () => {
    const events = [httpApiEvent(request), httpApiEvent(graphqlPost('query Misspelt { articel(slug: "x") { title } }'))];
    const run = await invokeBundle<APIGatewayProxyStructuredResultV2>(GRAPHQL_BUNDLE, events, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: undefined });
    type Emf = { _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> } } & Record<string, unknown>;
    const emf = run.logs.filter((line): line is Emf => '_aws' in line);
    const metricNames = (line: Emf) => line._aws.CloudWatchMetrics.flatMap((set) => set.Metrics.map((metric) => metric.Name)).sort();
    expect(emf.map((line) => [line.operation, metricNames(line)])).toEqual([
      ['BundledArticle', ['cost', 'latency', 'requests']],
      ['anonymous', ['latency', 'requests']],
      ['anonymous', ['errors']],
    ]);
    expect(emf[0]).toMatchObject({ requests: 1, latency: expect.any(Number), cost: expect.any(Number), service: 'newsgraph' });
    expect(emf[0]!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'newsgraph', Dimensions: [expect.arrayContaining(['service', 'operation'])] });
    expect(emf[2]).toMatchObject({ errors: 1, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(emf[2]!._aws.CloudWatchMetrics[0]!.Dimensions[0]).toEqual(expect.arrayContaining(['operation', 'code']));
  });

  it('reads DATABASE_URL at init from the SecureString parameter DATABASE_URL_PARAMETER names, once per container', async () => {
    // SSM's JSON protocol on a loopback port, reached by the AWS SDK through its endpoint override.
    const calls: Array<{ target: string | undefined; input: { Name: string; WithDecryption: boolean } }> = [];
    const ssm = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const input = JSON.parse(body);
        calls.push({ target: req.headers['x-amz-target'] as string | undefined, input });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ Parameter: { Name: input.Name, Type: 'SecureString', Value: databaseUrl, Version: 1 } }));
      });
    });
    await new Promise<void>((resolve) => ssm.listen(0, '127.0.0.1', resolve));
    try {
      const run = await invokeBundle<APIGatewayProxyStructuredResultV2>(GRAPHQL_BUNDLE, [httpApiEvent(request), httpApiEvent(request)], {
        DATABASE_URL: undefined,
        DATABASE_URL_PARAMETER: '/newsgraph/dev/database-url',
        AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${(ssm.address() as AddressInfo).port}`,
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
        AWS_SECRET_ACCESS_KEY: 'local-test-secret',
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
      });
      expect(run.results.map((result) => JSON.parse(result.body!).data?.article?.slug)).toEqual([variables.slug, variables.slug]);
      expect(calls).toEqual([{ target: 'AmazonSSM.GetParameter', input: { Name: '/newsgraph/dev/database-url', WithDecryption: true } }]);
    } finally {
      await new Promise((resolve) => ssm.close(resolve));
    }
  });

  it('honours LOG_LEVEL', async () => {
    const run = await invokeBundle(GRAPHQL_BUNDLE, [httpApiEvent(request)], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: undefined });
    expect(run.results).toHaveLength(1);
    expect(run.logs.filter((line) => !('_aws' in line))).toEqual([]);
  });
});

describe('the bundled migrate handler', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase();
  });
  afterAll(() => empty.drop());

  it('applies every migration to an empty database, then nothing on the next invocation', async () => {
    const names = (await readdir(`${root}prisma/migrations`)).sort();
    const first = await invokeBundle<MigrateResult>(MIGRATE_BUNDLE, [{}], { DATABASE_URL: empty.url });
    expect(first.results[0]).toEqual({ applied: names, alreadyApplied: [] });
    const second = await invokeBundle<MigrateResult>(MIGRATE_BUNDLE, [{}], { DATABASE_URL: empty.url });
    expect(second.results[0]).toEqual({ applied: [], alreadyApplied: names });
  });
});

/** A TCP port free right now on the loopback interface. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run offline', () => {
  let offline: ChildProcess;
  let url: string;
  beforeAll(async () => {
    const [port, lambdaPort] = [await freePort(), await freePort()];
    url = `http://127.0.0.1:${port}/graphql`;
    // The zips beforeAll packaged; its own process group, so that stopping it stops serverless-offline too.
    // No function timeout: on a loaded CI machine a cold start of the emulated function can take longer than Lambda's 15 s.
    offline = spawn('npm', ['run', 'offline', '--', '--no-build', '--no-timeout', '--port', String(port), '--lambda-port', String(lambdaPort)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: 'ignore',
      detached: true,
    });
    for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 250))) {
      if (Date.now() - started > 60_000) throw new Error('serverless-offline did not answer within 60 s');
      if (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((r) => r.ok, () => false)) break;
    }
  }, 90_000);
  afterAll(() => {
    if (offline.pid) process.kill(-offline.pid, 'SIGTERM');
  });

  it('passes every MUST of the GraphQL-over-HTTP audit through the emulated HTTP API and the packaged function', async () => {
    // GETs carry the CSRF header our API asks of every non-browser client (README, "Browsers, CSRF and stages").
    const fetchFn = (input: string, init: RequestInit = {}) => fetch(input, { ...init, headers: { 'x-graphql-yoga-csrf': '1', ...(init.headers as Record<string, string>) } });
    // The MUSTs only, one at a time: each audit is a request through the emulator (up to a second on a busy machine).
    const audits = serverAudits({ url, fetchFn }).filter((audit) => audit.name.startsWith('MUST'));
    expect(audits.length).toBeGreaterThan(10);
    const failed = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(result);
    }
    expect(failed).toEqual([]);
    const article = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: print(BundledArticle), variables: { slug: 'putin-north-korea-visit-2024' } }) });
    expect((await article.json()).data.article.title).toContain('पुतिन');
  }, 120_000);
});
