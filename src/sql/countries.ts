// Countries by code, cached in the process: ISO 3166-1 reference data that only the seed writes (no mutation does),
// linked by nearly every article a list shows. Read in SQL, as the article lists are: a container whose requests need
// nothing else never loads Prisma's query compiler.
import { queryRows } from '../db/query.ts';
import type { Country } from '../generated/prisma/client.ts';

/** How long the countries read by countriesByCode are reused. */
const COUNTRIES_MAX_AGE_MS = 5 * 60_000;
let countries: { readAt: number; byCode: Promise<Map<string, Country>> } | undefined;

function readCountries() {
  const byCode = queryRows('SELECT "code", "alpha3", "name", "names" FROM "Country"', []).then((rows) => new Map((rows as unknown as Country[]).map((row) => [row.code, row])));
  const read = { readAt: Date.now(), byCode };
  byCode.catch(() => {
    if (countries === read) countries = undefined; // a failed read is not reused
  });
  return (countries = read);
}

/** Every country by alpha-2 code, read once and reused for COUNTRIES_MAX_AGE_MS; a code not among them reads them again. */
export async function countriesByCode(codes: readonly string[]): Promise<Map<string, Country>> {
  let byCode = await (countries && Date.now() - countries.readAt < COUNTRIES_MAX_AGE_MS ? countries : readCountries()).byCode;
  if (codes.some((code) => !byCode.has(code))) byCode = await readCountries().byCode;
  return byCode;
}
