import { describe, expect, it } from 'vitest';
import { pinyinInitials } from './units.service.js';

describe('pinyin initials for unit search', () => {
  it('gives the initials of Chinese names, keeping digits and letters', () => {
    expect(pinyinInitials('攀枝花市西区财政局')).toBe('pzhsxqczj');
    expect(pinyinInitials('区第一实验小学（演示）')).toBe('qdysyxxys');
    expect(pinyinInitials('12345热线中心')).toBe('12345rxzx');
  });
});
