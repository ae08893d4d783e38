/**
 * The reader's header: title, date, ISO week, path, tags and description.
 * A date that names a month or a year is shown as that month or year, and a
 * date that did not come from the digest's metadata says where it came from
 * ("Apr 2024 · from the index page", "2019 · from the folder").
 */
import type { DateSource, Digest } from '../../../shared/api.js';
import type { MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { isPeriod, periodDateTime, periodText } from '../../lib/date-period.js';
import './ReaderHeader.css';

/** The note for each date source other than the digest's own metadata. */
const SOURCE_NOTES: Partial<Record<DateSource, MessageKey>> = {
  'file-name': 'dateFromFileName',
  path: 'dateFromFolder',
  heading: 'dateFromHeading',
  'index-page': 'dateFromIndexPage',
  git: 'dateFromGit',
};

export interface ReaderHeaderProps {
  digest: Digest;
  onTag: (tag: string) => void;
  formatDate: (date: string | null) => string;
}

function DigestDate({ digest, formatDate }: Pick<ReaderHeaderProps, 'digest' | 'formatDate'>) {
  const { t, locale } = useI18n();
  if (!digest.date) return null;
  const precision = digest.datePrecision;
  // A week-level date is shown by its week (next to it), not by its Monday.
  if (precision === 'week' && digest.week) return null;
  const note = digest.dateSource ? SOURCE_NOTES[digest.dateSource] : undefined;
  return (
    <span className="reader-date">
      <time dateTime={periodDateTime(digest.date, precision)}>{isPeriod(precision) ? periodText(locale, digest.date, precision) : formatDate(digest.date)}</time>
      {note && <span className="reader-date-source"> · {t(note)}</span>}
    </span>
  );
}

export function ReaderHeader({ digest, onTag, formatDate }: ReaderHeaderProps) {
  const { t } = useI18n();
  const weekNote = digest.datePrecision === 'week' && digest.dateSource ? SOURCE_NOTES[digest.dateSource] : undefined;
  return (
    <header className="reader-header">
      <h1 id="reader-title">{digest.title}</h1>
      <div className="reader-meta">
        <DigestDate digest={digest} formatDate={formatDate} />
        {digest.week && (
          <span className="reader-week">
            {t('weekLabel', { week: digest.week })}
            {weekNote && <span className="reader-date-source"> · {t(weekNote)}</span>}
          </span>
        )}
        <span className="reader-path" title={digest.path}>
          {digest.path}
        </span>
      </div>
      {digest.tags.length > 0 && (
        <div className="reader-tags">
          {digest.tags.map((tag) => (
            <button key={tag} type="button" className="tag" onClick={() => onTag(tag)}>
              {tag}
            </button>
          ))}
        </div>
      )}
      {digest.description && <p className="reader-description">{digest.description}</p>}
    </header>
  );
}
