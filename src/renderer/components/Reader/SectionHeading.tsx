/** A rendered heading that opens a section: anchor id, focus target, and the export checkbox beside it. */
import type { ReactNode } from 'react';
import type { Digest, SectionInfo } from '../../../shared/api.js';
import { fromDigest } from '../../selection/selection-model.js';
import { SectionCheckbox } from '../Selection/SectionCheckbox.js';
import { sectionDomId } from './sections.js';

export interface SectionHeadingProps {
  digest: Digest;
  section: SectionInfo | null;
  Tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
  children?: ReactNode;
}

export function SectionHeading({ digest, section, Tag, children }: SectionHeadingProps) {
  const heading = (
    <Tag id={section ? sectionDomId(section.id) : undefined} data-section-id={section?.id} tabIndex={section ? -1 : undefined}>
      {children}
    </Tag>
  );
  if (!section) return heading;
  // The export checkbox sits beside the heading, not in it, so the heading's name stays its text.
  return (
    <div className="reader-section-head">
      <SectionCheckbox item={fromDigest(digest, section)} className="reader-select" />
      {heading}
    </div>
  );
}
