/** A link out of the app: a new tab in web mode, the system browser (openExternal) on the desktop. */
import type { ReactNode } from 'react';

export interface ExternalAnchorProps {
  href: string;
  /** Web mode: open in a new tab; otherwise `onExternal` hands the URL to the operating system. */
  newTab: boolean;
  onExternal: (url: string) => void;
  className?: string;
  title?: string;
  children: ReactNode;
}

export function ExternalAnchor({ href, newTab, onExternal, className, title, children }: ExternalAnchorProps) {
  return (
    <a
      href={href}
      title={title}
      className={className}
      {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
      onClick={(e) => {
        if (newTab) return;
        e.preventDefault();
        onExternal(href);
      }}
    >
      {children}
    </a>
  );
}
