import { setTimeout as sleep } from 'node:timers/promises';

/** How a GraphQL request retries transient failures. */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the first retry; doubled each time, with jitter. */
  delayMs: number;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (reason: string, attempt: number) => void;
}

/** A failure that retrying cannot fix: a 4xx answer or GraphQL errors (with the first error's extensions). */
export class GraphQLRequestError extends Error {
  constructor(message: string, readonly extensions: Record<string, unknown> = {}) {
    super(message);
  }
}

// 5xx, throttling and timeouts are worth another try; anything else is the request's own fault.
const isTransientStatus = (status: number) => status >= 500 || status === 429 || status === 408;

/**
 * POSTs one GraphQL operation to `endpoint` and returns its `data`, retrying network errors and
 * transient HTTP statuses with exponential backoff; GraphQL errors and other statuses throw GraphQLRequestError.
 */
export async function graphqlRequest<T>(
  endpoint: string,
  query: string,
  variables: Record<string, unknown>,
  retry: RetryOptions,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    let reason: string;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: JSON.stringify({ query, variables }),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(120_000)]) : AbortSignal.timeout(120_000),
      });
      if (response.ok || !isTransientStatus(response.status)) {
        const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
        if (body.errors?.length || !body.data) {
          throw new GraphQLRequestError(body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`, body.errors?.[0]?.extensions);
        }
        return body.data;
      }
      await response.body?.cancel();
      reason = `HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof GraphQLRequestError || signal?.aborted) throw error;
      reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (attempt >= retry.attempts) throw new Error(`${reason} (after ${attempt} attempts)`);
    retry.onRetry?.(reason, attempt);
    await sleep(retry.delayMs * 2 ** (attempt - 1) * (0.5 + Math.random()), undefined, { signal });
  }
}
