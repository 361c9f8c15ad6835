// `npm start` builds the web app only when its sources changed since the last build, so a restart
// is quick. The stamp is a hash of every source file's path, size and modification time.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const inputs = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'packages/shared/src',
];
const stampFile = path.join(root, 'apps/web/dist/.build-stamp');

function walk(p, out) {
  const abs = path.join(root, p);
  if (!fs.existsSync(abs)) return;
  const st = fs.statSync(abs);
  if (st.isDirectory()) for (const f of fs.readdirSync(abs).sort()) walk(path.join(p, f), out);
  else out.push(`${p}:${st.size}:${st.mtimeMs}`);
}

const files = [];
for (const p of inputs) walk(p, files);
const stamp = createHash('sha256').update(files.join('\n')).digest('hex');
const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
if (current === stamp && fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.log('web app is up to date');
} else {
  execSync('npm run build -w apps/web', { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stampFile, stamp);
}
