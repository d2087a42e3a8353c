// With read replicas, a mutation must read what it just wrote: every database call of a mutation request, reads
// included, goes to the primary. Queries read from replicas (src/db/client.ts).
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withPrimary } from '../db/client.ts';

/** Runs the execution of every mutation within withPrimary. */
export function usePrimaryForWrites(): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      setExecuteFn((executeArgs) => withPrimary(() => executeFn(executeArgs)));
    },
  };
}
