import type { Context as LambdaContext } from 'aws-lambda';
import { tracingEnabled } from '../settings.ts';

/**
 * The handler, wrapped in an X-Ray subsegment (cold start and service annotated, errors recorded) when the stage turns
 * tracing on (tracingEnabled()); else the handler itself. Powertools Tracer is imported only then: it loads the X-Ray SDK,
 * which every cold start would pay for otherwise.
 */
export async function traced<TEvent, TResult>(
  handler: (event: TEvent, context: LambdaContext) => Promise<TResult>,
): Promise<(event: TEvent, context: LambdaContext) => Promise<TResult>> {
  if (!tracingEnabled()) return handler;
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  const tracer = new Tracer({ serviceName: 'newsgraph' });
  return async (event, context) => {
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${context.functionName}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(event, context);
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
    }
  };
}
