import { Button } from 'antd';
import { useRef, type ReactNode } from 'react';

interface FileButtonProps {
  icon: ReactNode;
  /** The button's text, and the name of the file input behind it. */
  label: string;
  accept?: string;
  /** `environment`: a phone opens its back camera. */
  capture?: 'environment' | 'user';
  multiple?: boolean;
  onFiles: (files: File[]) => void;
}

/** A button that opens the file picker (or a phone's camera): Ant Design's button, a native file input behind it. */
export function FileButton({ icon, label, accept, capture, multiple, onFiles }: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={icon} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        aria-label={label}
        accept={accept}
        capture={capture}
        multiple={multiple}
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          // The same file picked again is a new choice.
          event.target.value = '';
        }}
      />
    </>
  );
}
