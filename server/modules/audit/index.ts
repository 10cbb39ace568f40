// Public surface of the audit module: record an entry (inside the caller's transaction) and list them.
export { insertAudit as recordAudit, type AuditInput } from './audit-repo.ts';
export { listAudit } from './list-audit.ts';
export { registerAuditRoutes } from './routes.ts';
