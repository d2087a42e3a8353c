import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { clientErrorCode } from '../errors.ts';

/** Logs one line per GraphQL operation: its name, duration, error count and the errors' codes (a client's mistakes are INFO, not ERROR). */
export function useOperationLog(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const list = 'errors' in result ? (result.errors ?? []) : [];
          args.contextValue.logger.info('graphql operation', {
            operationName: getOperationAST(args.document, args.operationName)?.name?.value ?? 'anonymous',
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            errors: list.length,
            ...(list.length ? { errorCodes: [...new Set(list.map((error) => String(error.extensions?.code ?? clientErrorCode(error) ?? 'INTERNAL_SERVER_ERROR')))] } : {}),
          });
        },
      };
    },
  };
}
