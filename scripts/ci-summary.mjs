#!/usr/bin/env node
// Prints one plain closing line for CI: the vitest counts (from its JSON report) plus the
// end-to-end counts (from the e2e runner's last line).
import { existsSync, readFileSync } from 'node:fs';

const vitest = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
const e2eLog = existsSync('test-results/e2e.log') ? readFileSync('test-results/e2e.log', 'utf8') : '';
const m = /(\d+) passed, (\d+) failed\s*$/.exec(e2eLog.trim());
const e2e = m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
console.log(`unit and integration: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
console.log(`browser: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`all: ${vitest.numPassedTests + e2e.passed} passed, ${vitest.numFailedTests + e2e.failed} failed`);
