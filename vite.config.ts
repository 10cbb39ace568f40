// Builds the two web apps (citizen portal and operator console) into dist/web. The entry pages
// sit at the web root so that the build writes dist/web/citizen.html and dist/web/operator.html,
// the flat names the server serves; code and styles go to dist/web/assets.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const web = fileURLToPath(new URL('./web/', import.meta.url));

/** In `vite dev`, the page routes get the app's HTML, as the server does after a build. */
function historyFallback(): Plugin {
  return {
    name: 'svyaz-history-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const path = url.split('?')[0] ?? '/';
        if (req.method === 'GET' && !path.startsWith('/api') && !path.startsWith('/@') && !path.startsWith('/__') && !path.includes('.')) {
          req.url = path === '/operator' || path.startsWith('/operator/') ? '/operator.html' : '/citizen.html';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root: web,
  base: '/',
  appType: 'mpa',
  plugins: [react(), historyFallback()],
  // the dev server proxies the API to a server started with `npm start` (port 3000 by default)
  server: {
    proxy: { '/api': { target: process.env.SVYAZ_DEV_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
    fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web/', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // React, react-aria, the router, i18next and zod are shared by both apps and cached together
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        citizen: `${web}citizen.html`,
        operator: `${web}operator.html`,
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules/ },
            { name: 'common', test: /[\\/](web[\\/]common|shared)[\\/]/ },
          ],
        },
      },
    },
  },
});
