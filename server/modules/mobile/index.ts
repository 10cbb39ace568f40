// Public surface of the mobile module: the mobile app's API (/api/mobile/v1). It owns no tables:
// it calls identity, directory, conversations and requests through their index.ts.
export { registerMobileRoutes } from './routes.ts';
