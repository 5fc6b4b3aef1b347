// The server package's public surface, used by the CLI.
export { loadConfig, ConfigError, type Config } from './config.js';
export { startServer, openDatabase, WEB_DIST, type RunningServer, type DatabaseHandle } from './server.js';
export { formatCredentials } from './db/bootstrap.js';
export { DataDirLockedError } from './db/embedded.js';
export { verifyAuditChain, SYSTEM_ACTOR } from './platform/audit/audit.service.js';
export { createAccountWithRole } from './platform/users/users.service.js';
export { createBackup, readBackupManifest, restoreBackup, BackupError } from './platform/backup/backup.js';
export { figures, todayInChina } from './modules/org/figures.service.js';
export { checkCitizenId } from './modules/roster/domain/citizen-id.js';
export { reportUscc } from './modules/registration/domain/uscc.js';
export { resolveScope } from './platform/auth/scope.js';
export { importRosterFile } from './modules/imports/imports.service.js';
export { importUnitsFile } from './modules/imports/units-import.service.js';
export { evaluationsForUnits } from './modules/performance/evaluations.service.js';
export { renderEvaluationReport } from './modules/reports/reports.service.js';
export { checkReportFiles, formatReports } from './modules/report-check/report-check.cli.js';
