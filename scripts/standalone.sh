#!/usr/bin/env bash
# Assembles the runnable server from a `next build` into one directory: Next's standalone output
# (.next/standalone: the server files and only the node_modules files it traced), the static assets
# and public/ it leaves out, scripts/serve.mjs with whatever that imports besides Next, and an entry
# that hands Next the config the build serialized. The container image's build stage runs this
# script, and so does the run-conditions test: both run the same directory.
#   bash scripts/standalone.sh <dir>     (after `next build`; <dir> must be new or empty)
#   node <dir>/start.mjs [--port 3000] [--host 127.0.0.1]     (the options of scripts/serve.mjs)
# Nothing in <dir> is written at run time: the store lives under HOPSCOPE_DATA_DIR.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bash scripts/standalone.sh <dir>}
if [ ! -f "$repo/.next/standalone/.next/required-server-files.json" ]; then
  echo "standalone: no .next/standalone — run \`next build\` first (next.config.mjs sets output: 'standalone')" >&2
  exit 1
fi
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "standalone: $out is not empty" >&2
  exit 1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

cp -a "$repo/.next/standalone/." "$out/"
# Next's own server.js cannot tell a request's peer address: Hopscope serves through serve.mjs.
rm -f "$out/server.js"
cp -a "$repo/.next/static" "$out/.next/static"
cp -a "$repo/public" "$out/public"
mkdir -p "$out/scripts"
cp "$repo/scripts/serve.mjs" "$out/scripts/serve.mjs"

# serve.mjs is no route, so Next's trace did not follow it: trace its own imports (with the tracer
# Next itself uses) and add the files the standalone node_modules lack. Next is traced already.
(cd "$repo" && node --input-type=module - "$out" <<'EOF')
import { createRequire } from 'node:module';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
const require = createRequire(path.resolve('package.json'));
const { nodeFileTrace } = require('next/dist/compiled/@vercel/nft');
const out = process.argv[2];
const { fileList } = await nodeFileTrace(['scripts/serve.mjs'], {
  base: process.cwd(),
  ignore: (file) => file.startsWith('node_modules/next/'),
});
let added = 0;
for (const file of fileList) {
  if (existsSync(path.join(out, file))) continue;
  cpSync(file, path.join(out, file), { dereference: true });
  added++;
}
console.log(`standalone: ${added} files added for scripts/serve.mjs`);
EOF

# The entry: what Next's own standalone server.js does before it starts (production React, the
# serialized config instead of loading next.config.mjs, whose build-time tooling is not traced),
# then serve.mjs with the same arguments.
cat >"$out/start.mjs" <<'EOF'
// Written by scripts/standalone.sh: starts scripts/serve.mjs on this standalone build.
import { readFileSync } from 'node:fs';
process.env.NODE_ENV = 'production';
const files = JSON.parse(
  readFileSync(new URL('./.next/required-server-files.json', import.meta.url), 'utf8'),
);
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(files.config);
await import('./scripts/serve.mjs');
EOF
echo "standalone: $out ($(du -sh "$out" | cut -f1)); start with: node $out/start.mjs"
