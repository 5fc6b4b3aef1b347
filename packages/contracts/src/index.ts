export * from './permissions.js';
export * from './roles.js';
export * from './errors.js';
export * from './api.js';
export * from './org.js';
export * from './ledgers.js';
export * from './verification.js';
