import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { filesApi } from '../../api/endpoints';
import type { FileInfoT } from '../../api/types';
import { isReportable } from '../../components/useNotify';

/** Step 1 of an import: the template link and the file upload. */
export function UploadStep({
  onUploaded,
  templateUrl,
  columns,
  maxRows = '100,000',
}: {
  onUploaded: (file: FileInfoT) => void;
  templateUrl: string;
  columns: readonly string[];
  maxRows?: string;
}) {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    try {
      onUploaded(await filesApi.upload(file));
    } catch (e) {
      if (isReportable(e)) setError(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        请先下载导入模板，按模板填写后上传（表头不同时可在下一步指定列的对应）。模板列：{columns.join('、')}。支持 Excel
        工作簿（.xlsx）或 CSV（.csv，UTF-8 或 GBK 编码）；每次最多导入 {maxRows} 行。
      </Typography.Paragraph>
      <div>
        <Button icon={<DownloadOutlined />} href={templateUrl} download data-testid="import-template">
          下载导入模板
        </Button>
      </div>
      <div data-testid="import-upload">
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          disabled={uploading}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{uploading ? '正在上传…' : '点击或将文件拖到此处上传'}</p>
          <p className="ant-upload-hint">仅支持 .xlsx 或 .csv 文件</p>
        </Upload.Dragger>
      </div>
      {error ? (
        <Alert type="error" showIcon title="文件上传失败" description={error} data-testid="import-upload-error" />
      ) : null}
    </Space>
  );
}
