/**
 * The tree editor of a draft framework version: the indicator tree on the left (add, remove, move),
 * the selected indicator's form on the right (key, name, points, 评分标准, source, rule kind and its
 * parameters) with the live rule test below it. Controlled: the whole body goes up on every edit.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SubnodeOutlined } from '@ant-design/icons';
import { METRICS, type FrameworkBodyInput, type IndicatorNodeInput, type MetricKey } from '@bianban/contracts';
import {
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Tree,
  Typography,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import {
  addChild,
  childSum,
  moveNode,
  nodeAt,
  parsePathId,
  pathId,
  removeNode,
  updateNode,
  type NodePath,
} from './frameworkTree';
import {
  METRIC_OPTIONS,
  RULE_KIND_OPTIONS,
  defaultRule,
  levelLabel,
  readsValue,
  unitOf,
  type RuleKind,
} from './performanceLabels';
import { RuleForm } from './RuleForm';
import { RuleTestPanel } from './RuleTestPanel';

function treeData(
  nodes: readonly IndicatorNodeInput[],
  problemKeys: ReadonlySet<string>,
  parent: NodePath = [],
): DataNode[] {
  return nodes.map((n, i) => {
    const path = [...parent, i];
    const sum = childSum(n);
    const off = sum !== null && sum !== n.points;
    return {
      key: pathId(path),
      title: (
        <span data-testid={`fw-edit-node-${n.key}`}>
          <Typography.Text type={problemKeys.has(n.key) || off ? 'danger' : undefined}>
            {n.key} {n.name}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">
            （{n.points}分{off ? `，下级合计${sum}分` : ''}）
          </Typography.Text>
        </span>
      ),
      children: treeData(n.children ?? [], problemKeys, path),
    };
  });
}

export function FrameworkEditor({
  body,
  onChange,
  problemKeys,
}: {
  body: FrameworkBodyInput;
  onChange: (body: FrameworkBodyInput) => void;
  problemKeys: ReadonlySet<string>;
}) {
  const [selected, setSelected] = useState<number[]>([0]);
  const node = nodeAt(body.indicators, selected);
  const data = useMemo(() => treeData(body.indicators, problemKeys), [body.indicators, problemKeys]);
  const allIds = useMemo(() => {
    const ids: string[] = [];
    const walk = (list: DataNode[]) => {
      for (const d of list) {
        ids.push(String(d.key));
        walk(d.children ?? []);
      }
    };
    walk(data);
    return ids;
  }, [data]);

  const setIndicators = (indicators: IndicatorNodeInput[]) => onChange({ ...body, indicators });
  const patch = (p: Partial<IndicatorNodeInput>) =>
    setIndicators(updateNode(body.indicators, selected, (n) => ({ ...n, ...p })));
  const topSum = body.indicators.reduce((s, n) => s + n.points, 0);

  const add = (parent: NodePath) => {
    const [next, path] = addChild(body.indicators, parent);
    setIndicators(next);
    setSelected(path);
  };

  const isLeaf = !!node && !node.children?.length;
  const rule = node?.rule;
  const unit = node ? unitOf(node) : '';

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Card
          size="small"
          title={`指标树（一级合计${Math.round(topSum * 1000) / 1000}分）`}
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => add([])} data-testid="fw-add-top">
              一级指标
            </Button>
          }
        >
          <Space wrap style={{ marginBottom: 8 }}>
            <Button
              size="small"
              icon={<SubnodeOutlined />}
              disabled={!node || selected.length >= 4}
              onClick={() => add(selected)}
              data-testid="fw-add-child"
            >
              添加下级
            </Button>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={!node}
              onClick={() => {
                const [next, path] = moveNode(body.indicators, selected, -1);
                setIndicators(next);
                setSelected(path);
              }}
            >
              上移
            </Button>
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={!node}
              onClick={() => {
                const [next, path] = moveNode(body.indicators, selected, 1);
                setIndicators(next);
                setSelected(path);
              }}
            >
              下移
            </Button>
            <Popconfirm
              title="删除该指标及其全部下级？"
              okText="删除"
              cancelText="取消"
              disabled={!node || (selected.length === 1 && body.indicators.length <= 1)}
              onConfirm={() => {
                setIndicators(removeNode(body.indicators, selected));
                setSelected(selected.length > 1 ? selected.slice(0, -1) : [0]);
              }}
            >
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={!node || (selected.length === 1 && body.indicators.length <= 1)}
                data-testid="fw-remove"
              >
                删除
              </Button>
            </Popconfirm>
          </Space>
          <Tree
            blockNode
            treeData={data}
            expandedKeys={allIds}
            selectedKeys={[pathId(selected)]}
            onSelect={(keys) => {
              const k = keys[0];
              if (k !== undefined) setSelected(parsePathId(String(k)));
            }}
            data-testid="fw-edit-tree"
          />
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {!node ? (
          <Card size="small">
            <Empty description="在左侧选择一个指标" />
          </Card>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Card
              size="small"
              title={`${levelLabel(selected.length)}：${node.key} ${node.name}`}
              data-testid="fw-node-form"
            >
              <Form layout="vertical">
                <Row gutter={12}>
                  <Col span={5}>
                    <Form.Item label="编号" required tooltip="形如 1.2.3">
                      <Input
                        value={node.key}
                        onChange={(e) => patch({ key: e.target.value.trim() })}
                        data-testid="fw-node-key"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={13}>
                    <Form.Item label="指标名称" required>
                      <Input
                        value={node.name}
                        maxLength={100}
                        onChange={(e) => patch({ name: e.target.value })}
                        data-testid="fw-node-name"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      label="分值"
                      required
                      help={
                        childSum(node) !== null && childSum(node) !== node.points
                          ? `下级合计${childSum(node)}分`
                          : undefined
                      }
                      validateStatus={childSum(node) !== null && childSum(node) !== node.points ? 'error' : undefined}
                    >
                      <InputNumber
                        min={0}
                        max={100}
                        value={node.points}
                        onChange={(v) => patch({ points: typeof v === 'number' ? v : 0 })}
                        style={{ width: '100%' }}
                        data-testid="fw-node-points"
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item label="评分标准">
                  <Input.TextArea
                    rows={3}
                    maxLength={2000}
                    value={node.guidance ?? ''}
                    onChange={(e) => patch({ guidance: e.target.value })}
                    data-testid="fw-node-guidance"
                  />
                </Form.Item>
                {isLeaf ? (
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item label="数据来源">
                        <Select
                          value={node.source?.kind === 'metric' ? node.source.metric : 'manual'}
                          showSearch={{ optionFilterProp: 'label' }}
                          options={[{ value: 'manual', label: '人工填报' }, ...METRIC_OPTIONS]}
                          onChange={(v: string) =>
                            patch({
                              source: v === 'manual' ? { kind: 'manual' } : { kind: 'metric', metric: v as MetricKey },
                              // A metric needs a rule that reads a value.
                              rule:
                                v !== 'manual' && !readsValue(node.rule?.kind)
                                  ? defaultRule('linear', node.points)
                                  : node.rule,
                            })
                          }
                          data-testid="fw-node-source"
                        />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item label="评分规则">
                        <Select
                          value={node.rule?.kind}
                          placeholder="选择规则类型"
                          options={RULE_KIND_OPTIONS}
                          onChange={(k: RuleKind) => patch({ rule: defaultRule(k, node.points) })}
                          data-testid="fw-node-rule-kind"
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ) : (
                  <Typography.Text type="secondary">有下级指标：得分由下级指标汇总，不设评分规则。</Typography.Text>
                )}
                {isLeaf && node.source?.kind === 'metric' ? (
                  <Typography.Paragraph type="secondary">
                    公式：{METRICS[node.source.metric].formula}
                  </Typography.Paragraph>
                ) : null}
              </Form>
              {isLeaf && rule ? <RuleForm rule={rule} unit={unit} onChange={(r) => patch({ rule: r })} /> : null}
            </Card>
            {isLeaf && rule ? (
              <RuleTestPanel key={pathId(selected)} rule={rule} points={node.points} name={node.name} unit={unit} />
            ) : null}
          </Space>
        )}
      </Col>
    </Row>
  );
}
