// Public surface of the mail registry (postal letters with a tracked reply deadline).
export { registerMailRoutes } from './routes.ts';
