import { Logger } from '@aws-lambda-powertools/logger';

/** The process-wide structured logger (JSON lines; LOG_LEVEL honoured). */
export const logger = new Logger({ serviceName: 'newsgraph' });
