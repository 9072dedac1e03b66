import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

/**
 * Ant Design's Select for a form field with a "required" rule. Form.Item marks its control `aria-required`, and
 * Select puts that on its wrapper, where ARIA does not allow it (axe: aria-allowed-attr); here it goes on the
 * combobox input, which screen readers announce as required.
 */
export const FormSelect = forwardRef<RefSelectProps, SelectProps>(function FormSelect(
  { 'aria-required': required, ...props },
  ref,
) {
  const select = useRef<RefSelectProps>(null);
  useImperativeHandle(ref, () => select.current!, []);
  useEffect(() => {
    const input = select.current?.nativeElement?.querySelector('input[role="combobox"]');
    if (!input) return;
    if (required === true || required === 'true') input.setAttribute('aria-required', 'true');
    else input.removeAttribute('aria-required');
  });
  return <Select ref={select} {...props} />;
});
