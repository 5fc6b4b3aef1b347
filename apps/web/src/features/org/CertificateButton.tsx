import { DownOutlined, FileProtectOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { ApiError, withQuery } from '../../api/client';
import { useSession } from '../../auth/SessionContext';
import { useNotify } from '../../components/useNotify';

type Format = 'pdf' | 'docx';

/** The file name the server sent (RFC 5987 `filename*`), else a plain one. */
function fileNameOf(res: Response, format: Format): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '');
  return m ? decodeURIComponent(m[1]!) : `机构编制管理证.${format}`;
}

/**
 * "机构编制管理证" with PDF / DOCX for the selected unit as of the date shown. Fetched rather than
 * linked, so a refusal (scope, an internal office, a date before the unit existed) shows as a
 * message instead of a JSON page. Shown only to holders of `unit.certificate`.
 */
export function CertificateButton({ unitId, asOf }: { unitId: string; asOf: string }) {
  const { has } = useSession();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!has('unit.certificate')) return null;

  const download = async (format: Format) => {
    setBusy(true);
    try {
      const res = await fetch(withQuery(`/api/units/${encodeURIComponent(unitId)}/certificate`, { format, asOf }), {
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'bianban' },
      });
      if (!res.ok) {
        const data = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
        throw new ApiError(
          res.status,
          data?.code ?? `HTTP_${res.status}`,
          data?.message ?? `下载失败（HTTP ${res.status}）`,
        );
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(res, format);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const items: MenuProps['items'] = [
    { key: 'pdf', label: 'PDF' },
    { key: 'docx', label: 'Word（DOCX）' },
  ];
  return (
    <Dropdown menu={{ items, onClick: ({ key }) => void download(key as Format) }} trigger={['click']}>
      <Button icon={<FileProtectOutlined />} loading={busy} data-testid="unit-certificate">
        机构编制管理证 <DownOutlined />
      </Button>
    </Dropdown>
  );
}
