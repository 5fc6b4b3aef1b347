import { Navigate, Route, Routes } from 'react-router-dom';
import { RequirePermission } from './auth/RequirePermission';
import { landingPath, SessionGate } from './auth/SessionGate';
import { useRequiredSession } from './auth/SessionContext';
import { AppLayout } from './components/AppLayout';
import { NoModulesPage, NotFoundPage } from './components/StatusPages';
import { AuditPage } from './features/audit/AuditPage';
import { BackupPage } from './features/backup/BackupPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { JobsPage } from './features/jobs/JobsPage';
import { LoginPage } from './features/login/LoginPage';
import { MfaEnrollPage } from './features/mfa/MfaEnrollPage';
import { MfaVerifyPage } from './features/mfa/MfaVerifyPage';
import { DecisionRoute } from './features/org/DecisionPage';
import { DecisionsPage } from './features/org/DecisionsPage';
import { UnitsPage } from './features/org/UnitsPage';
import { RosterImportPage } from './features/imports/RosterImportPage';
import { BudgetPage } from './features/budget/BudgetPage';
import { UnitsImportPage } from './features/imports/UnitsImportPage';
import { PersonPage } from './features/roster/PersonPage';
import { PersonsPage } from './features/roster/PersonsPage';
import { UsePlansPage } from './features/roster/UsePlansPage';
import { PasswordPage } from './features/password/PasswordPage';
import { EvaluationRoute } from './features/performance/EvaluationPage';
import { EvaluationsPage } from './features/performance/EvaluationsPage';
import { FrameworksPage } from './features/performance/FrameworksPage';
import { FrameworkVersionRoute } from './features/performance/FrameworkVersionPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { UsersPage } from './features/users/UsersPage';
import { WorkbenchPage } from './features/workbench/WorkbenchPage';

/** `/`: the first module the user may open, or an explanation when there is none. */
function Landing() {
  const session = useRequiredSession();
  const path = landingPath(session);
  return path === '/' ? <NoModulesPage /> : <Navigate to={path} replace />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<SessionGate />}>
        <Route path="/password" element={<PasswordPage />} />
        <Route path="/mfa/enroll" element={<MfaEnrollPage />} />
        <Route path="/mfa/verify" element={<MfaVerifyPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<Landing />} />
          <Route
            path="/workbench"
            element={
              <RequirePermission anyOf={['workbench.read']}>
                <WorkbenchPage />
              </RequirePermission>
            }
          />
          <Route
            path="/dashboard"
            element={
              <RequirePermission anyOf={['unit.read']}>
                <DashboardPage />
              </RequirePermission>
            }
          />
          <Route
            path="/org/units"
            element={
              <RequirePermission anyOf={['unit.read']}>
                <UnitsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/org/decisions"
            element={
              <RequirePermission anyOf={['decision.read']}>
                <DecisionsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/org/decisions/new"
            element={
              <RequirePermission anyOf={['decision.edit']}>
                <DecisionRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/org/decisions/:id"
            element={
              <RequirePermission anyOf={['decision.read']}>
                <DecisionRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/roster/persons"
            element={
              <RequirePermission anyOf={['roster.read']}>
                <PersonsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/roster/persons/:id"
            element={
              <RequirePermission anyOf={['roster.read']}>
                <PersonPage />
              </RequirePermission>
            }
          />
          <Route
            path="/roster/use-plans"
            element={
              <RequirePermission anyOf={['roster.read']}>
                <UsePlansPage />
              </RequirePermission>
            }
          />
          <Route
            path="/org/import"
            element={
              <RequirePermission anyOf={['decision.edit']}>
                <UnitsImportPage />
              </RequirePermission>
            }
          />
          <Route
            path="/roster/import"
            element={
              <RequirePermission anyOf={['roster.edit', 'decision.approve']}>
                <RosterImportPage />
              </RequirePermission>
            }
          />
          <Route
            path="/budget"
            element={
              <RequirePermission anyOf={['budget.read']}>
                <BudgetPage />
              </RequirePermission>
            }
          />
          <Route
            path="/performance/frameworks"
            element={
              <RequirePermission anyOf={['framework.read']}>
                <FrameworksPage />
              </RequirePermission>
            }
          />
          <Route
            path="/performance/frameworks/versions/:id"
            element={
              <RequirePermission anyOf={['framework.read']}>
                <FrameworkVersionRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/performance/evaluations"
            element={
              <RequirePermission anyOf={['evaluation.read']}>
                <EvaluationsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/performance/evaluations/:id"
            element={
              <RequirePermission anyOf={['evaluation.read']}>
                <EvaluationRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/admin/users"
            element={
              <RequirePermission anyOf={['account.read']}>
                <UsersPage mode="accounts" key="accounts" />
              </RequirePermission>
            }
          />
          <Route
            path="/admin/grants"
            element={
              <RequirePermission anyOf={['grant.read']}>
                <UsersPage mode="grants" key="grants" />
              </RequirePermission>
            }
          />
          <Route
            path="/audit"
            element={
              <RequirePermission anyOf={['audit.read', 'audit.readSysAdmin']}>
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path="/admin/settings"
            element={
              <RequirePermission anyOf={['settings.read']}>
                <SettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/admin/backup"
            element={
              <RequirePermission anyOf={['backup.run']}>
                <BackupPage />
              </RequirePermission>
            }
          />
          <Route
            path="/jobs"
            element={
              <RequirePermission anyOf={['job.read']}>
                <JobsPage />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
