// `npm start`: install when needed, build the web apps when stale, start the server.
import { spawn } from 'node:child_process';
import { ensureDependencies, ensureWebBuild } from './ensure.mjs';

ensureDependencies();
ensureWebBuild();
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
