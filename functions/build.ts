// Bundles each Lambda function with esbuild into .build/<name>/ (laid out like the repo, so relative paths hold)
// and zips it to .build/<name>.zip, the artifact serverless.yml deploys. Run by `npm run build:functions`.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { build, type Metafile, type Plugin } from 'esbuild';
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

// Beside the entry bundle (functions/), like every chunk, so `import.meta.url` finds it from any of them.
const WASM_FILE = 'functions/query_compiler_bg.wasm';

/**
 * Prisma's generated client imports its query compiler as a JS module holding the WebAssembly as base64 text (4.5 MB
 * for the fast build, 2.3 MB for the small one), which every cold start parses and decodes. This writes the binary
 * beside the bundle instead and replaces that module with one that reads it: the client passes `wasm` to
 * Buffer.from(wasm, 'base64'), which copies a Buffer as it is.
 */
function prismaWasmFromFile(outDir: string): Plugin {
  return {
    name: 'prisma-wasm-from-file',
    setup(build) {
      build.onResolve({ filter: /^@prisma\/client\/runtime\/query_compiler_.*\.wasm-base64\.mjs$/ }, async (args) => {
        if (args.pluginData === 'resolving') return undefined; // the inner resolve below comes here again
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
        return { path: resolved.path, namespace: 'prisma-wasm' };
      });
      build.onLoad({ filter: /.*/, namespace: 'prisma-wasm' }, async (args) => {
        const { wasm } = (await import(pathToFileURL(args.path).href)) as { wasm: string };
        await mkdir(path.dirname(path.join(outDir, WASM_FILE)), { recursive: true });
        await writeFile(path.join(outDir, WASM_FILE), Buffer.from(wasm, 'base64'));
        const file = JSON.stringify(`./${path.basename(WASM_FILE)}`);
        return { contents: `import { readFileSync } from 'node:fs';\nexport const wasm = readFileSync(new URL(${file}, import.meta.url));\n`, loader: 'js' };
      });
    },
  };
}

/**
 * graphql-jit requires fast-json-stringify (and with it ajv) at load, but calls it only with `customJSONSerializer`,
 * which useGraphQlJit leaves off; loading them cost every cold start about 30 ms. A stub that throws stands in.
 */
const jsonSerializerStub: Plugin = {
  name: 'fast-json-stringify-stub',
  setup(build) {
    build.onResolve({ filter: /^fast-json-stringify$/ }, () => ({ path: 'fast-json-stringify', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "module.exports = () => { throw new Error('fast-json-stringify is not bundled: graphql-jit runs without customJSONSerializer'); };",
      loader: 'js',
    }));
  },
};

/**
 * Yoga's Fetch API ponyfill (@whatwg-node/fetch) loads its own fetch, Request and Response (with node:http2, https,
 * tls and zlib) at init, though Lambda's Node has them built in and hono's adapter uses those anyway. This serves
 * Node's own, with URLPattern (yoga matches unusual endpoint paths with it) from urlpattern-polyfill, which Node 22 lacks.
 */
const nativeFetchApi: Plugin = {
  name: 'native-fetch-api',
  setup(build) {
    build.onResolve({ filter: /^@whatwg-node\/fetch$/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined; // the inner resolve below comes here again
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      return { path: resolved.path, namespace: 'native-fetch-api' };
    });
    // From the importer's copy of the package: its own native-only entry, and its own urlpattern-polyfill.
    build.onLoad({ filter: /.*/, namespace: 'native-fetch-api' }, (args) => ({
      contents: "export * from './esm-ponyfill.js';\nexport { URLPattern } from 'urlpattern-polyfill';\n",
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Bundles `entry` (a path relative to the repo) into `outDir`, keeping its relative path; returns esbuild's metafile. */
export async function bundleFunction(entry: string, outDir: string): Promise<Metafile> {
  const { metafile } = await build({
    entryPoints: [path.join(ROOT, entry)],
    outbase: ROOT,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Modules imported with import() (ingest's language tools, X-Ray) become chunks loaded when first needed, not at init.
    splitting: true,
    chunkNames: 'functions/[name]-[hash]',
    plugins: [prismaWasmFromFile(outDir), jsonSerializerStub, nativeFetchApi],
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

/**
 * Keeps only the mappings into the project's own sources in each source map under `dir`: errors are looked up in our
 * code, and the libraries' mappings were three quarters of the zip's maps.
 */
async function keepOwnMappings(dir: string): Promise<void> {
  for (const entry of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.map'))) {
    const file = path.join(entry.parentPath, entry.name);
    const map = JSON.parse(await readFile(file, 'utf8')) as { sources: string[]; mappings: string };
    const own = map.sources.map((source) => !source.includes('node_modules/'));
    map.mappings = encode(decode(map.mappings).map((line) => line.filter((segment) => segment.length > 1 && own[segment[1]!])));
    await writeFile(file, JSON.stringify(map));
  }
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
    await keepOwnMappings(outDir);
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
