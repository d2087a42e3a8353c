// The load generator of `npm run bench:api`, in a process of its own: autocannon with a fixed number of connections
// for a fixed time, cycling through the given GraphQL POST bodies. Reads its job as JSON from argv[2], prints the result as JSON.
import autocannon from 'autocannon';

const job = JSON.parse(process.argv[2]!) as { url: string; bodies: string[]; connections: number; seconds: number; headers: Record<string, string> };
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  headers: { 'content-type': 'application/json', accept: 'application/json', ...job.headers },
  requests: job.bodies.map((body) => ({ method: 'POST', body })),
});
console.log(JSON.stringify({
  requestsPerSecond: result.requests.total / result.duration,
  requests: result.requests.total,
  p50: result.latency.p50,
  p99: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
}));
