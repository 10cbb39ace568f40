// Public surface of the directory module (phone lines, hotline hours; later service centres, queue, call-backs).
export { registerDirectoryRoutes, currentHotlineStatus } from './routes.ts';
export { seedDirectory } from './seed-directory.ts';
export { registerCallbackRoutes } from './callback-routes.ts';
export { moscowInstant } from './hotline-hours.ts';
export { readPhoneLines } from './read-phone-lines.ts';
