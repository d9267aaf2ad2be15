#!/usr/bin/env node
// Builds the browser front-end into dist/web/ (see web/README.md).
//
//   dist/web/public/{index,watch}.html   + static/{home,watch}.js, site.css, chunks/, hls.worker.js, favicon.svg
//   dist/web/admin/index.html            + static/admin.js, admin.css, chunks/, hls.worker.js, favicon.svg
//
// Usage: node web/build.mjs [--dev]   (--dev: no minification)
// Exits non-zero on any error.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(webDir, '..');
const outRoot = path.join(root, 'dist', 'web');
const dev = process.argv.includes('--dev');
const require = createRequire(import.meta.url);

/** esbuild options shared by both bundles. */
const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: !dev,
  sourcemap: true,
  legalComments: 'linked',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
  // Admin components are Preact TSX (automatic runtime: no React, no eval, strict CSP holds).
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
};

/** Every `*.ts` directly in `dir` is an entry point (`home.ts` → `static/home.js`). */
async function tsEntries(dir) {
  const files = await readdir(dir);
  return files
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => ({ in: path.join(dir, f), out: f.slice(0, -3) }));
}

/**
 * `<!-- @include NAME key="value" … -->` in a page is replaced by web/partials/NAME, indented like the
 * marker, with each `{{key}}` set to its value (unset keys: empty). The pages share their <head> basics
 * (CSP, viewport, icon) and the public header this way instead of repeating them.
 */
async function expandIncludes(html) {
  const marker = /^([ \t]*)<!-- @include ([\w.-]+)((?: \w+="[^"]*")*) -->$/gm;
  const parts = [];
  for (const m of html.matchAll(marker)) {
    const values = Object.fromEntries([...m[3].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const partial = await readFile(path.join(webDir, 'partials', m[2]), 'utf8');
    const body = partial
      .replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => (line ? m[1] + line : line))
      .join('\n');
    parts.push([m[0], body]);
  }
  for (const [from, to] of parts) html = html.replace(from, () => to);
  if (html.includes('<!-- @include')) throw new Error('web: malformed @include marker');
  return html;
}

/**
 * The chunks `output` imports statically, transitively (what the browser fetches before running it), and with
 * `dynamic` also the ones those import dynamically: on the public site that is only the player's hls.js, which
 * the watch and embed pages start loading as soon as they run (the admin loads its hls.js only for a preview).
 */
function pageChunks(metafile, output, dynamic, seen = new Set()) {
  for (const imp of metafile.outputs[output]?.imports ?? []) {
    const wanted = imp.kind === 'import-statement' || (dynamic && imp.kind === 'dynamic-import');
    if (!wanted || seen.has(imp.path)) continue;
    seen.add(imp.path);
    if (imp.kind === 'import-statement') pageChunks(metafile, imp.path, dynamic, seen);
  }
  return seen;
}

/**
 * After each page's module script, `<link rel="modulepreload">` for its chunks: the browser fetches them with
 * the entry instead of discovering them only once the entry is parsed. Chunk names carry their own hash, and
 * their URLs must be the ones the entry imports (no `?v=`), or the preload would be a second download.
 */
function addModulePreloads(html, { metafile, staticDir, preloadDynamic }) {
  const script = /^([ \t]*)<script type="module" src="\/static\/([\w-]+)\.js(?:\?v=\w+)?"><\/script>$/gm;
  return html.replace(script, (tag, indent, name) => {
    const entry = path.relative(root, path.join(staticDir, `${name}.js`));
    const links = [...pageChunks(metafile, entry, preloadDynamic)].map((chunk) => {
      const href = `/static/${path.relative(staticDir, path.join(root, chunk))}`;
      return `${indent}<link rel="modulepreload" href="${href}" />`;
    });
    return [tag, ...links].join('\n');
  });
}

/** Copy HTML pages (includes expanded), adding `?v=<hash>` to /static/*.js|css references for cache busting. */
async function copyHtml(files, destDir, { version, ...preload }) {
  for (const file of files) {
    const html = await expandIncludes(await readFile(file, 'utf8'));
    const versioned = html.replace(/((?:src|href)="\/static\/[^"?]+\.(?:js|css))"/g, `$1?v=${version}"`);
    await writeFile(path.join(destDir, path.basename(file)), addModulePreloads(versioned, preload));
  }
}

/** Short hash over the emitted JS/CSS so HTML references change when the bundle changes. */
async function outputVersion(metafile) {
  const hash = createHash('sha256');
  for (const file of Object.keys(metafile.outputs).sort()) {
    if (file.endsWith('.map')) continue;
    hash.update(file);
    hash.update(await readFile(path.join(root, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

async function copyStaticExtras(staticDir) {
  // hls.js worker: loaded via `workerPath: '/static/hls.worker.js'` (no blob: needed).
  const hlsDist = path.dirname(require.resolve('hls.js/package.json'));
  for (const f of ['hls.worker.js', 'hls.worker.js.map']) {
    await copyFile(path.join(hlsDist, 'dist', f), path.join(staticDir, f));
  }
  await copyFile(path.join(webDir, 'public', 'favicon.svg'), path.join(staticDir, 'favicon.svg'));
}

async function buildSite({ name, entryPoints, htmlFiles, preloadDynamic = false }) {
  const outDir = path.join(outRoot, name);
  const staticDir = path.join(outDir, 'static');
  await mkdir(staticDir, { recursive: true });
  const result = await build({ ...common, entryPoints, outdir: staticDir });
  const version = await outputVersion(result.metafile);
  await copyHtml(htmlFiles, outDir, { version, metafile: result.metafile, staticDir, preloadDynamic });
  await copyStaticExtras(staticDir);
  const bytes = Object.entries(result.metafile.outputs)
    .filter(([f]) => !f.endsWith('.map'))
    .reduce((sum, [, o]) => sum + o.bytes, 0);
  return {
    name,
    files: Object.keys(result.metafile.outputs).filter((f) => !f.endsWith('.map')).length,
    bytes,
  };
}

async function main() {
  const started = Date.now();
  await rm(outRoot, { recursive: true, force: true });

  const publicHtml = (await readdir(path.join(webDir, 'public')))
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(webDir, 'public', f));

  const results = await Promise.all([
    buildSite({
      name: 'public',
      entryPoints: [
        ...(await tsEntries(path.join(webDir, 'src', 'public'))),
        { in: path.join(webDir, 'src', 'styles', 'site.css'), out: 'site' },
      ],
      htmlFiles: publicHtml,
      preloadDynamic: true,
    }),
    buildSite({
      name: 'admin',
      entryPoints: [
        { in: path.join(webDir, 'src', 'admin', 'admin.ts'), out: 'admin' },
        { in: path.join(webDir, 'src', 'styles', 'admin.css'), out: 'admin' },
      ],
      htmlFiles: [path.join(webDir, 'admin', 'index.html')],
    }),
  ]);

  for (const r of results) {
    console.log(`web: dist/web/${r.name}: ${r.files} files, ${(r.bytes / 1024).toFixed(0)} KiB`);
  }
  console.log(`web: built in ${Date.now() - started} ms${dev ? ' (dev)' : ''}`);
}

main().catch((err) => {
  // esbuild already printed detailed diagnostics for build errors.
  if (!err?.errors) console.error(err);
  console.error('web: build failed');
  process.exit(1);
});
