/** One facet of the current results as a list of checkboxes with counts (tags, mentions); several may be ticked. */
import { useId, useState } from 'react';

const COLLAPSED_COUNT = 12;

export interface FacetFilterProps {
  title: string;
  /** Shown when the facet lists nothing. */
  empty: string;
  /** Under the title, what the facet lists (optional). */
  hint?: string;
  showMore: (count: number) => string;
  showFewer: string;
  counts: Record<string, number>;
  selected: readonly string[];
  onToggle: (value: string) => void;
}

export function FacetFilter({ title, empty, hint, showMore, showFewer, counts, selected, onToggle }: FacetFilterProps) {
  const [expanded, setExpanded] = useState(false);
  const headingId = useId();
  // Selected values stay listed (with 0) so they can always be unticked here.
  const all = new Map(Object.entries(counts));
  for (const value of selected) if (!all.has(value)) all.set(value, 0);
  const sorted = [...all.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const visible = expanded ? sorted : sorted.slice(0, COLLAPSED_COUNT);
  return (
    <section className="filter-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="filter-heading" title={hint}>
        {title}
      </h2>
      {sorted.length === 0 ? (
        <p className="muted filter-empty">{empty}</p>
      ) : (
        <ul className="tag-filter" role="group" aria-labelledby={headingId}>
          {visible.map(([value, count]) => {
            const checked = selected.includes(value);
            return (
              <li key={value}>
                <label className={`tag-option${checked ? ' checked' : ''}`}>
                  <input type="checkbox" checked={checked} onChange={() => onToggle(value)} />
                  <span className="tag-option-name">{value}</span>
                  <span className="tag-option-count" aria-hidden="true">
                    {count}
                  </span>
                  <span className="visually-hidden">({count})</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {sorted.length > COLLAPSED_COUNT && (
        <button type="button" className="btn btn-ghost filter-more" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
          {expanded ? showFewer : showMore(sorted.length)}
        </button>
      )}
    </section>
  );
}
