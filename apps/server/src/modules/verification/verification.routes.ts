import { JobInfo, VERIFICATION_JOB_KIND, VerificationBody } from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { runVerification, startVerification } from './verification.service.js';

export async function verificationRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };

  app.post(
    '/api/verifications',
    {
      config: { access: 'roster.read' },
      schema: {
        tags: ['编制核查'],
        summary:
          '核查统发工资名单（后台任务）：有人无编、有编无人、单位不符、超编单位；报告经 GET /api/jobs/:id/file 下载',
        body: VerificationBody,
        response: { 200: JobInfo },
      },
    },
    async (req) => startVerification(deps, authOf(req), req.body),
  );

  deps.jobs.register(VERIFICATION_JOB_KIND, (ctx) => runVerification(svc, ctx));
}
