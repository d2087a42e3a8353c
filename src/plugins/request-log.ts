// One log line and one set of metrics per HTTP request, whatever answered it: an operation, or a refusal before
// execution (413 body, 400 bad JSON, 403, validation errors, 404). First in the plugin list, so it sees every request.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { getOperationAST, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { resolveCaller } from '../auth.ts';
import type { Context } from '../context.ts';
import { errorLogEntry } from '../errors.ts';
import { describeError, logger, metrics } from '../logger.ts';
import { metricsEnabled } from '../settings.ts';

/** What one request did, gathered along its way through yoga. */
interface RequestRecord {
  started: number;
  operationName?: string;
  /** The operation's cost (useCostLimit's `extensions.cost.requested`), when it got that far. */
  cost?: number;
  /** `extensions.code` of every error the response carries, in order. */
  errorCodes: string[];
}

// Operation names become a metric dimension: only plain names, so a client cannot mint unbounded dimension values.
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

// An error without a code (e.g. yoga's CSRF refusal) is counted as UNSPECIFIED, not as a bug.
const codesOf = (errors: readonly GraphQLError[] | readonly { extensions?: { code?: unknown } }[] | undefined) =>
  (errors ?? []).map((error) => String(error.extensions?.code ?? 'UNSPECIFIED'));

/** Error codes of a response nothing else described (one ended early, e.g. 413 or 404): read from its GraphQL error body. */
async function codesInBody(response: Response): Promise<string[]> {
  if (!/json/.test(response.headers.get('content-type') ?? '')) return [];
  try {
    return codesOf((await response.clone().json()).errors);
  } catch {
    return [];
  }
}

/**
 * Logs one line per request (`graphql request`: HTTP status, total duration, operation name, cost, the caller's role
 * and key id, never the key, and the error codes) and emits CloudWatch metrics as EMF (requests, latency, cost by
 * operation; errors by operation and code). Must come first among the plugins: a plugin that answers early stops the
 * onRequest hooks after it.
 */
export function useRequestLog(): Plugin<Context> {
  const emitMetrics = metricsEnabled();
  const records = new WeakMap<Request, RequestRecord>();
  const recordOf = (request: Request) => {
    let record = records.get(request);
    if (!record) records.set(request, (record = { started: performance.now(), errorCodes: [] }));
    return record;
  };
  return {
    onRequest({ request }) {
      recordOf(request);
    },
    onExecute({ args }) {
      recordOf(args.contextValue.request).operationName = getOperationAST(args.document, args.operationName)?.name?.value;
    },
    onResultProcess({ request, result }) {
      const record = recordOf(request);
      for (const single of Array.isArray(result) ? result : [result]) {
        const { errors, extensions } = single as ExecutionResult;
        record.errorCodes.push(...codesOf(errors));
        const requested = (extensions?.cost as { requested?: unknown } | undefined)?.requested;
        if (typeof requested === 'number') record.cost = requested;
      }
    },
    async onResponse({ request, response }) {
      const record = recordOf(request);
      if (record.errorCodes.length === 0 && response.status >= 400) record.errorCodes = await codesInBody(response);
      const durationMs = Math.round((performance.now() - record.started) * 10) / 10;
      const caller = resolveCaller(request.headers.get('authorization'));
      const operationName = record.operationName ?? 'anonymous';
      logger.info('graphql request', {
        method: request.method,
        status: response.status,
        durationMs,
        operationName,
        cost: record.cost,
        role: caller.role,
        keyId: caller.id ?? undefined,
        errorCodes: record.errorCodes,
      });
      if (!emitMetrics) return;
      const operation = METRIC_NAME.test(operationName) ? operationName : 'other';
      metrics.addDimension('operation', operation);
      metrics.addMetric('requests', MetricUnit.Count, 1);
      metrics.addMetric('latency', MetricUnit.Milliseconds, durationMs);
      if (record.cost !== undefined) metrics.addMetric('cost', MetricUnit.Count, record.cost);
      metrics.publishStoredMetrics();
      const counts = new Map<string, number>();
      for (const code of record.errorCodes) counts.set(code, (counts.get(code) ?? 0) + 1);
      for (const [code, count] of counts) {
        // A metric of its own: its dimensions (operation and code) differ from the request's.
        const errors = metrics.singleMetric();
        errors.addDimensions({ operation, code });
        errors.addMetric('errors', MetricUnit.Count, count);
      }
    },
  };
}

const ERROR_MESSAGES = { error: 'unexpected error', warn: 'database fault', info: 'client error' } as const;
const details = (args: unknown[]) => (args.length > 1 ? { details: args.slice(1) } : {});

/**
 * yoga's logger: JSON lines through the process logger. Errors yoga reports (every one maskError changed) are logged
 * with their stack, SQLSTATE and GraphQL path, at a level by kind: bugs as ERROR, database faults as WARN, the caller's
 * own mistakes as INFO with their code.
 */
export const yogaLogging = {
  debug: (...args: unknown[]) => logger.debug(String(args[0]), details(args)),
  info: (...args: unknown[]) => logger.info(String(args[0]), details(args)),
  warn: (...args: unknown[]) => logger.warn(String(args[0]), details(args)),
  error: (...args: unknown[]) => {
    if (!(args[0] instanceof Error)) return logger.error(String(args[0]), details(args));
    const { level, attributes } = errorLogEntry(args[0]);
    logger[level](ERROR_MESSAGES[level], { ...attributes, error: describeError(attributes.error) });
  },
};
