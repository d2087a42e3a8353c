// Plays the Lambda runtime for one cold invocation, in plain Node (no tsx, so nothing but the bundle is timed):
//   node test/support/invoke-bundle.mjs <bundle.mjs> '<event JSON>'
// Imports the bundle, calls its `handler` once with the event and a Lambda context, and prints one line
// `INVOKE_RESULT {"result", "importMs", "invokeMs", "totalMs"}` after the handler's own log lines.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [bundle, eventJson] = process.argv.slice(2);
// What the Lambda runtime sets before loading a handler (Powertools reads the cold start from the first).
process.env.AWS_LAMBDA_INITIALIZATION_TYPE ??= 'on-demand';
process.env.AWS_LAMBDA_FUNCTION_NAME ??= 'newsgraph-local';
process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ??= '1024';
const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
const context = {
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${name}`,
  memoryLimitInMB: '1024',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 15000,
};
const result = await handler(JSON.parse(eventJson ?? '{}'), context);
const done = performance.now();
// performance.now() counts from process start, so totalMs includes Node's own boot.
const report = { result, importMs: imported - started, invokeMs: done - imported, totalMs: done };
process.stdout.write(`INVOKE_RESULT ${JSON.stringify(report)}\n`, () => process.exit(0)); // the pool would keep the process alive
