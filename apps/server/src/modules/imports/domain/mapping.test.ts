import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMN_SPECS } from './columns.js';
import { applyMapping, findHeaderIndex, guessMapping, mappingProblems } from './mapping.js';

const HEAD = ['序号', '人员姓名', '公民身份号码', '所在单位', '编制性质', '入编时间', '入编方式'];

describe('column mapping', () => {
  it('guesses by exact title and alias (身份证号 / 公民身份号码), the saved mapping first where the file has it', () => {
    const g = guessMapping(['姓名', '身份证号', '单位名称'], ROSTER_COLUMN_SPECS);
    expect(g.mapping).toEqual({ 姓名: '姓名', 公民身份号码: '身份证号', 单位: '单位名称' });
    expect(g.missing).toEqual(['编制类型', '上编时间', '上编方式']);
    expect(guessMapping(['公民身份号码'], ROSTER_COLUMN_SPECS).mapping).toEqual({ 公民身份号码: '公民身份号码' });

    const saved = { 姓名: '人员姓名', 单位: '部门' };
    const h = guessMapping(HEAD, ROSTER_COLUMN_SPECS, saved);
    expect(h.mapping).toMatchObject({ 姓名: '人员姓名', 单位: '所在单位', 编制类型: '编制性质' });
    // 部门 is not in this file: the alias 所在单位 is used, and only 姓名 counts as reused.
    expect(h.fromSaved).toEqual(['姓名']);
    expect(h.missing).toEqual([]);
  });

  it('finds the header below title rows and rewrites it; an alias cell of a column mapped elsewhere is blanked', () => {
    const rows = [['2025年花名册'], [], HEAD, ['1', '张三', 'x', '区财政局', '行政编制', '2020-01-01', '录用']];
    expect(findHeaderIndex(rows, ROSTER_COLUMN_SPECS)).toBe(2);
    const out = applyMapping(rows, ROSTER_COLUMN_SPECS, { 姓名: '人员姓名', 单位: '序号' });
    expect(out[2]).toEqual(['单位', '姓名', '公民身份号码', '', '编制性质', '入编时间', '入编方式']);
    expect(out[3]).toBe(rows[3]);
    // A mapping whose titles this file lacks leaves a template file as it is.
    const template = [['姓名', '公民身份号码'], ['李四', 'y']];
    expect(applyMapping(template, ROSTER_COLUMN_SPECS, { 姓名: '人员姓名' })[0]).toEqual(['姓名', '公民身份号码']);
  });

  it('refuses unknown columns and one header cell read for two columns', () => {
    expect(mappingProblems({ 姓名: 'A', 工资: 'B', 单位: 'a' }, ROSTER_COLUMN_SPECS)).toEqual([
      '列“工资”不是本导入的列',
      '“姓名”和“单位”不能同时对应表头“a”',
    ]);
  });
});
