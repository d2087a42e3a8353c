import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';

/** Logs one line per GraphQL operation: its name, duration and error count. */
export function useOperationLog(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result ? (result.errors?.length ?? 0) : 0;
          args.contextValue.logger.info('graphql operation', {
            operationName: getOperationAST(args.document, args.operationName)?.name?.value ?? 'anonymous',
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            errors,
          });
        },
      };
    },
  };
}
