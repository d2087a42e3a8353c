// Bundles each Lambda function with esbuild into .build/<name>/ (laid out like the repo, so relative paths hold)
// and zips it to .build/<name>.zip, the artifact serverless.yml deploys. Run by `npm run build:functions`.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { zipSync, type Zippable } from 'fflate';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where bundles and zips go; serverless.yml points at .build/<name>.zip. */
export const BUILD_DIR = path.join(ROOT, '.build');

/** The deployed functions: entry point and extra files the bundle reads at run time (copied to the same relative path). */
export const FUNCTIONS = {
  graphql: { entry: 'functions/graphql.ts', assets: [] },
  migrate: { entry: 'functions/migrate.ts', assets: ['prisma/migrations'] },
} as const;

/** Where a deploy's trusted-documents manifest goes (repo root), copied into the graphql function beside its bundle. */
const PERSISTED_DOCUMENTS = 'persisted-documents.json';

// Prisma ships query compilers for every database; the generated client must only pull in PostgreSQL's.
const OTHER_DATABASE_FILES = /query_compiler_[a-z]+_bg\.(?!postgresql\.)[a-z]+\./;
// Fixed zip timestamps: the same code gives the same zip, so a redeploy without changes updates nothing.
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

/** Bundles `entry` (a path relative to the repo) into `outDir`, keeping its relative path; returns esbuild's metafile. */
export async function bundleFunction(entry: string, outDir: string): Promise<Metafile> {
  const { metafile } = await build({
    entryPoints: [path.join(ROOT, entry)],
    outbase: ROOT,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    treeShaking: true,
    sourcemap: 'linked',
    sourcesContent: false, // stack traces need lines, not the sources; keeps the zip small
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // pg's optional native binding is never used (and not installed).
    external: ['pg-native'],
    // CommonJS dependencies (pg, ...) call require() and use __dirname inside the ESM bundle.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
      ].join(''),
    },
  });
  return metafile;
}

/** Throws when the bundle pulled in a devDependency or another database's Prisma query compiler. */
async function checkInputs(name: string, metafile: Metafile): Promise<void> {
  const { devDependencies = {} } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
  const packages = new Set(Object.keys(metafile.inputs).flatMap((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? []));
  const dev = [...packages].filter((name) => name in devDependencies);
  if (dev.length) throw new Error(`${name}: bundle includes devDependencies: ${dev.join(', ')}`);
  const foreign = Object.keys(metafile.inputs).filter((input) => OTHER_DATABASE_FILES.test(input));
  if (foreign.length) throw new Error(`${name}: bundle includes other databases' Prisma files: ${foreign.join(', ')}`);
}

/** Zips every file under `dir` (paths relative to it, Unix mode 644) into `zipPath`; returns the zip's size in bytes. */
export async function zipDirectory(dir: string, zipPath: string): Promise<number> {
  const files: Zippable = {};
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file).split(path.sep).join('/')] = [await readFile(file), { os: 3, attrs: 0o100644 << 16, mtime: ZIP_MTIME }];
  }
  const zip = zipSync(files, { level: 9 });
  await writeFile(zipPath, zip);
  return zip.byteLength;
}

/** Builds every function: .build/<name>/ (bundle, source map, assets, meta.json) and .build/<name>.zip. */
export async function buildFunctions(): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const [name, { entry, assets }] of Object.entries(FUNCTIONS)) {
    const outDir = path.join(BUILD_DIR, name);
    await rm(outDir, { recursive: true, force: true });
    const metafile = await bundleFunction(entry, outDir);
    await checkInputs(name, metafile);
    for (const asset of assets) await cp(path.join(ROOT, asset), path.join(outDir, asset), { recursive: true });
    // The apps' trusted documents, when this deploy has them (GRAPHQL_PERSISTED_DOCUMENTS=persisted-documents.json).
    if (name === 'graphql' && existsSync(path.join(ROOT, PERSISTED_DOCUMENTS))) await cp(path.join(ROOT, PERSISTED_DOCUMENTS), path.join(outDir, PERSISTED_DOCUMENTS));
    // Kept beside the zip, not in it: what went into the bundle, for size investigations (esbuild's analyzer reads it).
    await writeFile(path.join(BUILD_DIR, `${name}.meta.json`), JSON.stringify(metafile));
    sizes[name] = await zipDirectory(outDir, path.join(BUILD_DIR, `${name}.zip`));
  }
  return sizes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await mkdir(BUILD_DIR, { recursive: true });
  for (const [name, bytes] of Object.entries(await buildFunctions())) {
    console.log(`.build/${name}.zip  ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
