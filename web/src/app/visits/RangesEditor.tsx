import type { OpeningRange } from './api';
import { MAX_RANGES } from './visitsModel';

/** One day's opening ranges (a weekday's or an exception date's): add, change, remove; none is closed. */
export function RangesEditor({
  id,
  legend,
  ranges,
  onChange,
  problem,
  errId,
}: {
  id: string;
  legend: string;
  ranges: OpeningRange[];
  onChange: (rs: OpeningRange[]) => void;
  problem: string | undefined;
  errId: string;
}) {
  const invalid = problem ? { 'aria-invalid': true as const, 'aria-describedby': errId } : {};
  return (
    <fieldset className="visits-day-hours">
      <legend>{legend}</legend>
      {ranges.length === 0 && <span className="muted visits-closed">Closed</span>}
      {ranges.map((r, i) => (
        <div key={i} className="visits-range">
          <span>
            <label htmlFor={`${id}-${i}-opens`}>
              Opens<span className="visually-hidden">, {legend} range {i + 1}</span>
            </label>
            <input
              id={`${id}-${i}-opens`}
              className="text-input"
              type="time"
              value={r.opens}
              onChange={(e) => onChange(ranges.map((x, j) => (j === i ? { ...x, opens: e.target.value } : x)))}
              {...invalid}
            />
          </span>
          <span>
            <label htmlFor={`${id}-${i}-closes`}>
              Closes<span className="visually-hidden">, {legend} range {i + 1}</span>
            </label>
            <input
              id={`${id}-${i}-closes`}
              className="text-input"
              type="time"
              value={r.closes}
              onChange={(e) => onChange(ranges.map((x, j) => (j === i ? { ...x, closes: e.target.value } : x)))}
              {...invalid}
            />
          </span>
          <button type="button" className="secondary danger" onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
            Remove<span className="visually-hidden"> {legend} {r.opens}–{r.closes}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary visits-add-range"
        disabled={ranges.length >= MAX_RANGES}
        onClick={() => {
          const last = ranges[ranges.length - 1];
          onChange([...ranges, last ? { opens: last.closes, closes: last.closes < '22:00' ? addHours(last.closes, 2) : '23:59' } : { opens: '10:00', closes: '12:00' }]);
        }}
      >
        Add hours<span className="visually-hidden"> on {legend}</span>
      </button>
      {problem && (
        <p id={errId} className="field-error form-error">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

function addHours(hhmm: string, n: number): string {
  const [h, m] = hhmm.split(':').map(Number);
  return `${String(Math.min(23, h + n)).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
