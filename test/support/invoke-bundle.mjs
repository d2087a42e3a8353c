// Plays the Lambda runtime for one container, in plain Node (no tsx, so nothing but the bundle is timed):
//   node test/support/invoke-bundle.mjs <bundle.mjs> '<event JSON>' ['<event JSON>' ...]
// Imports the bundle, calls its `handler` with each event in turn, and prints, after the handler's own log lines,
// one line `INVOKE_RESULT {"results", "importMs", "firstInvokeMs", "totalMs", "rssBytes"}`.
// Plain JavaScript: it must run without a TypeScript loader, which would add its own start-up time.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [bundle, ...events] = process.argv.slice(2);
// What the Lambda runtime sets before loading a handler (Powertools reads the cold start from the first).
process.env.AWS_LAMBDA_INITIALIZATION_TYPE ??= 'on-demand';
process.env.AWS_LAMBDA_FUNCTION_NAME ??= 'newsgraph-local';
process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ??= '1024';
const name = process.env.AWS_LAMBDA_FUNCTION_NAME;

const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const results = [];
let firstDone;
for (const event of events.length ? events : ['{}']) {
  const context = {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 15000,
  };
  results.push(await handler(JSON.parse(event), context));
  firstDone ??= performance.now();
}
// performance.now() counts from process start, so totalMs includes Node's own boot.
// rssBytes: the resident set after the last answer, what Lambda's "Max Memory Used" reports.
const report = { results, importMs: imported - started, firstInvokeMs: firstDone - imported, totalMs: firstDone, rssBytes: process.memoryUsage.rss() };
process.stdout.write(`INVOKE_RESULT ${JSON.stringify(report)}\n`, () => process.exit(0)); // the pool would keep the process alive
