// `npm run package` as a deploy would run it (offline, no AWS credentials), then the bundled artifacts in fresh
// Node processes: the graphql handler against this file's database, the migrate handler against an empty one.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { unzipSync } from 'fflate';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrateResult } from '../../src/db/migrate.ts';
import { graphql } from '../generated/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { databaseUrl } from '../support/graph.ts';
import { graphqlPost, httpApiEvent } from '../support/http-api-event.ts';
import { invokeBundle } from '../support/invoke-bundle.ts';

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
        NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=32',
        LOG_LEVEL: expect.any(String),
      });
      // The connection string and its password never sit in the configuration.
      expect(JSON.stringify(fn.Environment.Variables)).not.toMatch(/postgres(ql)?:|DATABASE_URL"/);
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
      expect(statements.filter((statement: any) => statement.Resource === '*')).toEqual([]);
    }
    // The dev stage's default; prod's is sized to the database in the README, "Database connections".
    expect(graphqlFunction.ReservedConcurrentExecutions).toBe(10);
    expect(migrateFunction.ReservedConcurrentExecutions).toBe(1);
  });

  it('ships only the bundles, their source maps and the migration SQL, with PostgreSQL\'s query compiler alone', async () => {
    expect(await zipEntries('graphql')).toEqual(['functions/graphql.mjs', 'functions/graphql.mjs.map']);
    const migrations = (await readdir(`${root}prisma/migrations`)).map((name) => `prisma/migrations/${name}/migration.sql`);
    expect(await zipEntries('migrate')).toEqual(['functions/migrate.mjs', 'functions/migrate.mjs.map', ...migrations].sort());
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

  it('answers the sample article from a v2 event in a fresh process, logging each operation with the Lambda context', async () => {
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
    const operations = run.logs.filter((line) => line.message === 'graphql operation');
    expect(operations).toEqual([
      expect.objectContaining({ operationName: 'BundledArticle', errors: 0, cold_start: true, correlation_id: events[0]!.requestContext.requestId, function_name: 'newsgraph-local' }),
      expect.objectContaining({ operationName: 'BundledArticle', errors: 0, cold_start: false, correlation_id: events[1]!.requestContext.requestId }),
    ]);
    expect(operations[0]).toHaveProperty('function_request_id');
  });

  it('reads DATABASE_URL at init from the SecureString parameter DATABASE_URL_PARAMETER names, once per container', async () => {
    // SSM's JSON protocol on a loopback port, reached by the AWS SDK through its endpoint override.
    const calls: Array<{ target: string | undefined; input: { Name: string; WithDecryption: boolean } }> = [];
    const ssm = createServer((req, res) => {
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
    expect(run.logs).toEqual([]);
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
