/**
 * Text that PostgreSQL cannot store, or that would be stored as something else than was sent, is refused where it
 * enters (HTTP, Open311, workflow validators): NUL and the other C0 control characters except tab, line feed and
 * carriage return, and unpaired UTF-16 surrogates (which would silently become U+FFFD). Invalid UTF-8 is caught on
 * the raw bytes, before a decoder replaces it.
 */
import type { FieldProblem } from './rejection';

/** One refused piece of text: where it is (dotted path, `[i]` for list items) and which rule it broke. */
export interface TextProblem extends FieldProblem {
  rule: 'control-character' | 'unpaired-surrogate';
}

// C0 controls except \t (09), \n (0A) and \r (0D).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The rule a single string breaks, or null when it can be stored as sent. */
export function unstorableText(value: string): TextProblem['rule'] | null {
  if (CONTROL.test(value)) return 'control-character';
  if (LONE_SURROGATE.test(value)) return 'unpaired-surrogate';
  return null;
}

function describe(field: string, rule: TextProblem['rule'], value: string): string {
  if (rule === 'control-character') {
    const code = value.match(CONTROL)![0].charCodeAt(0);
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    return `${field} 含有不可保存的控制字符 U+${hex}（只允许制表符和换行）。${field} contains the control character U+${hex}; only tab and line breaks are allowed.`;
  }
  return `${field} 含有不成对的 UTF-16 代理项，不是有效的文本。${field} contains an unpaired UTF-16 surrogate and is not valid text.`;
}

const MAX_DEPTH = 32;

function isBinary(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

/**
 * The first string (value or object key) anywhere in `value` that cannot be stored, or null. Binary contents
 * (file buffers) are not text and are skipped; `prefix` names the whole (e.g. `query`).
 */
export function findUnstorableText(value: unknown, prefix = ''): TextProblem | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: prefix, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const rule = unstorableText(item.value);
      const field = item.path || 'value';
      if (rule) return { field, rule, message: describe(field, rule, item.value) };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null || item.depth > MAX_DEPTH) continue;
    if (isBinary(item.value)) continue;
    const entries: Array<[string, unknown]> = Array.isArray(item.value)
      ? item.value.map((v, i) => [`[${i}]`, v])
      : Object.entries(item.value);
    // Pushed in reverse, so the first problem named is the first in the document.
    for (const [key, child] of entries.reverse()) {
      const path = key.startsWith('[') ? `${item.path}${key}` : item.path ? `${item.path}.${key}` : key;
      const keyRule = key.startsWith('[') ? null : unstorableText(key);
      if (keyRule) {
        const field = item.path || 'body';
        return { field, rule: keyRule, message: describe(`${field} 的字段名 field name`, keyRule, key) };
      }
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}
