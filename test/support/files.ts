import { fileURLToPath } from 'node:url';

/** The sample article's raw text (the hand-made sample in prisma/sample-data.ts is typed from it). */
export const SEED_ARTICLE_FILE = fileURLToPath(new URL('../../prisma/putin-north-korea-visit.hi.txt', import.meta.url));

/** The corpus written for the ingest tests. */
export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
