// Serves a folder on 127.0.0.1 as a static host does: gzip for text, wasm and js, and
// index.html for every path that is not a file (the app routes in the browser).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const [root, port] = [process.argv[2], Number(process.argv[3] || 8093)];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};
createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, path);
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch {
    file = join(root, 'index.html');
  }
  const body = await readFile(file);
  const type = types[extname(file)] || 'application/octet-stream';
  const headers = { 'content-type': type, 'cache-control': 'no-cache' };
  if (/gzip/.test(req.headers['accept-encoding'] || '') && !type.startsWith('image/')) {
    headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers).end(gzipSync(body));
  } else {
    res.writeHead(200, headers).end(body);
  }
}).listen(port, '127.0.0.1');
