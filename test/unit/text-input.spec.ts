import { findUnstorableText, unstorableText } from '../../domain/common/text';

describe('text that can be stored (S1)', () => {
  it('S1: NUL and the other C0 controls are refused; tab, line feed and carriage return are text', () => {
    expect(unstorableText('a\u0000b')).toBe('control-character');
    expect(unstorableText('\u0007')).toBe('control-character');
    expect(unstorableText('\u001b[31m')).toBe('control-character');
    expect(unstorableText('第一行\r\n第二行\t备注')).toBeNull();
  });

  it('S1: an unpaired surrogate is refused, a pair (an emoji) is text', () => {
    expect(unstorableText('x\uD800')).toBe('unpaired-surrogate');
    expect(unstorableText('\uDC00x')).toBe('unpaired-surrogate');
    expect(unstorableText('河道 \uD83C\uDF0A')).toBeNull();
  });

  it('S1: the problem names the nested field or list item, and object keys are checked too', () => {
    expect(findUnstorableText({ a: 'ok', lead: { task: 'x\u0000' } })?.field).toBe('lead.task');
    expect(findUnstorableText({ decisions: ['ok', 'bad\u0001'] }, 'data')?.field).toBe('data.decisions[1]');
    expect(findUnstorableText({ ['k\u0000']: 'v' })).toMatchObject({
      field: 'body',
      rule: 'control-character',
    });
    expect(findUnstorableText('x\u0000', 'code')).toMatchObject({ field: 'code', rule: 'control-character' });
  });

  it('S1: the first problem in document order is named; binary contents are not text', () => {
    expect(findUnstorableText({ first: '\u0000', second: '\u0001' })?.field).toBe('first');
    expect(findUnstorableText({ file: Buffer.from([0, 1, 2]), name: 'ok' })).toBeNull();
    expect(findUnstorableText({ n: 1, b: true, z: null })).toBeNull();
  });

  it('S1: the message says in Chinese which character was refused', () => {
    expect(findUnstorableText({ title: 'a\u0000' })?.message).toMatch(/title 含有不可保存的控制字符 U\+0000/);
  });
});
