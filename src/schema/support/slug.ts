/**
 * The slug of a new object's name or title (ingest/slug.ts), loaded on the first create: its transliteration table
 * (any-ascii, half a megabyte) would otherwise load with every read-only container.
 */
export async function slugFor(text: string): Promise<string> {
  return (await import('../../ingest/slug.ts')).toSlug(text);
}
