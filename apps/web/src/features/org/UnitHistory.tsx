import { Card, Empty, Spin, Timeline, Typography } from 'antd';
import type { UnitHistoryResponse } from '@bianban/contracts';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useNotify } from '../../components/useNotify';

type UnitHistoryT = z.infer<typeof UnitHistoryResponse>;

/** 沿革: what each establishment decision changed for the unit, newest first, with the 文号 linked. */
export function UnitHistory({ unitId }: { unitId: string }) {
  const notify = useNotify();
  const [data, setData] = useState<UnitHistoryT | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<UnitHistoryT>(`/api/units/${unitId}/history`, undefined, controller.signal)
      .then(setData, (e: unknown) => notify.error(e))
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [unitId, notify]);

  return (
    <Card title={data ? `职责与沿革 · ${data.unit.name}` : '职责与沿革'} style={{ marginTop: 16 }}>
      {data ? (
        <div data-testid="unit-functions" style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            主要职责（三定）
          </Typography.Title>
          {data.unit.functionsText ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {data.unit.functionsText}
            </Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">未登记（可通过机构编制事项“调整主要职责”核定）</Typography.Text>
          )}
        </div>
      ) : null}
      <div data-testid="unit-history">
        {loading && !data ? <Spin /> : null}
        {data && data.events.length === 0 ? <Empty description="暂无机构编制事项记录" /> : null}
        {data && data.events.length > 0 ? (
          <Timeline
            items={data.events.map((e) => ({
              key: `${e.date}|${e.decision?.id ?? ''}`,
              content: (
                <div>
                  <Typography.Text strong>{e.date}</Typography.Text>{' '}
                  {e.decision ? (
                    <>
                      <Link to={`/org/decisions/${e.decision.id}`}>{e.decision.docNumber}</Link>{' '}
                      <Typography.Text type="secondary">
                        {e.decision.approvingBody} · {e.decision.title}
                      </Typography.Text>
                    </>
                  ) : (
                    <Typography.Text type="secondary">（未关联机构编制事项）</Typography.Text>
                  )}
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {e.changes.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </div>
              ),
            }))}
          />
        ) : null}
      </div>
    </Card>
  );
}
