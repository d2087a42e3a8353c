import type { Context as LambdaContext } from 'aws-lambda';
import { describeError, logger } from '../logger.ts';

/**
 * Wraps a Lambda handler so that every log line of the invocation carries the Lambda context (function_name,
 * function_request_id, cold_start, ...) and, when `correlationId` gives one, a correlation_id.
 */
export function withLambdaLogging<TEvent, TResult>(
  handler: (event: TEvent, context: LambdaContext) => Promise<TResult>,
  correlationId?: (event: TEvent) => string | undefined,
): (event: TEvent, context: LambdaContext) => Promise<TResult> {
  return async (event, context) => {
    logger.refreshSampleRateCalculation();
    logger.addContext(context);
    const id = correlationId?.(event);
    if (id) logger.setCorrelationId(id);
    try {
      return await handler(event, context);
    } catch (error) {
      logger.error('invocation failed', { error: describeError(error) });
      throw error;
    } finally {
      // The container is reused: the next invocation must not inherit this one's correlation id.
      logger.resetKeys();
    }
  };
}
