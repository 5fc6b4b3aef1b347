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
import { UsccCheckPage } from './features/codes/UsccCheckPage';
import { DecisionsPage } from './features/org/DecisionsPage';
import { UnitsPage } from './features/org/UnitsPage';
import { RosterImportPage } from './features/imports/RosterImportPage';
import { BudgetPage } from './features/budget/BudgetPage';
import { ReportCheckPage } from './features/report-check/ReportCheckPage';
import { UnitsImportPage } from './features/imports/UnitsImportPage';
import { PersonPage } from './features/roster/PersonPage';
import { PersonsPage } from './features/roster/PersonsPage';
import { UsePlansPage } from './features/roster/UsePlansPage';
import { PasswordPage } from './features/password/PasswordPage';
import { PublicationPage } from './features/public/PublicationPage';
import { PublicPortalPage } from './features/public/PublicPortalPage';
import { PublicRegistrationPage } from './features/public-registration/PublicRegistrationPage';
import { AnnualReportsPage } from './features/registration-annual/AnnualReportsPage';
import { AnnualReportRoute } from './features/registration-annual/AnnualReportPage';
import { AnnualStatsPage } from './features/registration-annual/AnnualStatsPage';
import { InspectionsPage } from './features/registration-annual/InspectionsPage';
import { InspectionRoute } from './features/registration-annual/InspectionPage';
import { EvaluationRoute } from './features/performance/EvaluationPage';
import { EvaluationsPage } from './features/performance/EvaluationsPage';
import { FrameworksPage } from './features/performance/FrameworksPage';
import { FrameworkVersionRoute } from './features/performance/FrameworkVersionPage';
import { ActsPage as RegistrationActsPage } from './features/registration/ActsPage';
import { ActRoute as RegistrationActRoute } from './features/registration/ActPage';
import { InstitutionRoute as RegistrationInstitutionRoute } from './features/registration/InstitutionPage';
import { RegisterPage as RegistrationRegisterPage } from './features/registration/RegisterPage';
import { ProjectSheetsPage } from './features/performance/ProjectSheetsPage';
import { ReportRoute } from './features/reports/ReportPage';
import { ReportsPage } from './features/reports/ReportsPage';
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
      <Route path="/public" element={<PublicPortalPage />} />
      <Route path="/public/registration" element={<PublicRegistrationPage />} />
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
            path="/codes/uscc-check"
            element={
              <RequirePermission anyOf={['registration.read']}>
                <UsccCheckPage />
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
            path="/report-check"
            element={
              <RequirePermission anyOf={['reportCheck.use']}>
                <ReportCheckPage />
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
            path="/reports"
            element={
              <RequirePermission anyOf={['report.read']}>
                <ReportsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/reports/:id"
            element={
              <RequirePermission anyOf={['report.read']}>
                <ReportRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/performance/project-sheets"
            element={
              <RequirePermission anyOf={['evaluation.read']}>
                <ProjectSheetsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/acts"
            element={
              <RequirePermission anyOf={['registration.read']}>
                <RegistrationActsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/annual-reports"
            element={
              <RequirePermission anyOf={['annualReport.file', 'annualReport.review', 'annualReport.publish', 'registration.read']}>
                <AnnualReportsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/annual-reports/:id"
            element={
              <RequirePermission anyOf={['annualReport.file', 'annualReport.review', 'annualReport.publish', 'registration.read']}>
                <AnnualReportRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/annual-stats"
            element={
              <RequirePermission anyOf={['registration.read']}>
                <AnnualStatsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/inspections"
            element={
              <RequirePermission anyOf={['registration.read', 'randomInspection.manage']}>
                <InspectionsPage />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/inspections/:id"
            element={
              <RequirePermission anyOf={['registration.read', 'randomInspection.manage']}>
                <InspectionRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/acts/:id"
            element={
              <RequirePermission anyOf={['registration.read']}>
                <RegistrationActRoute />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/register"
            element={
              <RequirePermission anyOf={['registration.read']}>
                <RegistrationRegisterPage />
              </RequirePermission>
            }
          />
          <Route
            path="/registration/institutions/:unitId"
            element={
              <RequirePermission anyOf={['registration.read']}>
                <RegistrationInstitutionRoute />
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
            path="/publication"
            element={
              <RequirePermission anyOf={['report.read']}>
                <PublicationPage />
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
