import type { Logger } from '@aws-lambda-powertools/logger';
import type { YogaInitialContext } from 'graphql-yoga';
import Negotiator from 'negotiator';
import { resolveCaller, type Caller } from './auth.ts';
import { logger } from './logger.ts';

/** What every resolver gets for one request. */
export interface Context {
  /** Languages the caller prefers, best first, from `Accept-Language` (e.g. ["hi-IN", "hi", "en"]). */
  languages: string[];
  logger: Logger;
  /** Who is calling, from the Authorization header. */
  caller: Caller;
}

/** Builds the per-request context from the incoming request. */
export function createContext({ request }: YogaInitialContext): Context {
  const acceptLanguage = request.headers.get('accept-language');
  const languages = acceptLanguage
    ? new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages().filter((tag) => tag !== '*')
    : [];
  return { languages, logger, caller: resolveCaller(request.headers.get('authorization')) };
}
