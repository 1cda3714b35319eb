import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api';
import type { Me } from '../../types';
import { UsageChart } from './UsageChart';
import { fetchUsage, usageCsvHref, type Figures, type Granularity, type UsageQuery, type UsageReport } from './usageApi';
import './usage.css';

const NUMBER = new Intl.NumberFormat('en-GB');
const fmt = (n: number) => NUMBER.format(n);

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The 30 complete days ending yesterday (today's figures are still growing). */
function defaultQuery(): UsageQuery {
  const to = new Date();
  to.setDate(to.getDate() - 1);
  const from = new Date(to);
  from.setDate(from.getDate() - 29);
  return { from: isoDay(from), to: isoDay(to), granularity: 'day', organisation: '', since: '' };
}

const FIGURES: { key: keyof Figures; label: string }[] = [
  { key: 'messages', label: 'Messages' },
  { key: 'meetings', label: 'Meetings' },
  { key: 'participantMinutes', label: 'Participant-minutes' },
  { key: 'activeUsers', label: 'Active users' },
  { key: 'virtualVisits', label: 'Virtual visits' },
  { key: 'resultsDelivered', label: 'Results delivered' },
];

/** Usage figures (docs/analytics.md): headline, charts with their table, CSV; platform admins choose an organisation or all. */
export function UsagePage({ me }: { me: Me }) {
  const platform = me.role === 'platform_admin';
  const [draft, setDraft] = useState<UsageQuery>(defaultQuery);
  const [query, setQuery] = useState<UsageQuery>(draft);
  const [report, setReport] = useState<UsageReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    fetchUsage(query, abort.signal)
      .then(setReport)
      .catch((e) => {
        if (abort.signal.aborted) return;
        setError(e instanceof ApiError ? e.message : 'Cannot reach Confer right now.');
      });
    return () => abort.abort();
  }, [query]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...draft });
  };
  const set = (patch: Partial<UsageQuery>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <div className="usage">
      <h1>Usage</h1>
      <form className="usage-form" onSubmit={submit} aria-label="Usage figures to show">
        <label>
          From
          <input type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} required />
        </label>
        <label>
          To
          <input type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} required />
        </label>
        <label>
          By
          <select value={draft.granularity} onChange={(e) => set({ granularity: e.target.value as Granularity })}>
            <option value="day">Day</option>
            <option value="week">ISO week</option>
            <option value="month">Month</option>
          </select>
        </label>
        {platform && (
          <label>
            Organisation
            <select value={draft.organisation} onChange={(e) => set({ organisation: e.target.value })}>
              <option value="">All organisations</option>
              {(report?.organisations ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Growth since
          <input type="date" value={draft.since} onChange={(e) => set({ since: e.target.value })} />
        </label>
        <button type="submit">Show</button>
      </form>
      {error && <p role="alert" className="usage-error">{error}</p>}
      {report && <Report report={report} query={query} />}
    </div>
  );
}

function Report({ report, query }: { report: UsageReport; query: UsageQuery }) {
  const labels = useMemo(() => report.series.map((p) => p.period), [report]);
  const values = (key: keyof Figures) => report.series.map((p) => p.figures[key]);
  const unit = report.granularity === 'day' ? 'day' : report.granularity === 'week' ? 'ISO week' : 'month';
  const scope = report.organisationId == null ? 'All organisations' : (report.organisationName ?? 'This organisation');
  const summary = (name: string, key: keyof Figures) => {
    const v = values(key);
    if (v.length === 0) return `${name}: no figures`;
    return `${name} per ${unit}, ${report.from} to ${report.to}: lowest ${fmt(Math.min(...v))}, highest ${fmt(
      Math.max(...v),
    )}, last ${fmt(v[v.length - 1])}. The table below has every figure.`;
  };
  const charts = useMemo(
    () => ({
      messages: [{ label: 'Messages', values: values('messages'), colour: '#005eb8' }],
      meetings: [{ label: 'Meetings', values: values('meetings'), colour: '#007f3b' }],
      active: [{ label: 'Active users', values: values('activeUsers'), colour: '#330072' }],
      care: [
        { label: 'Virtual visits', values: values('virtualVisits'), colour: '#ae2573' },
        { label: 'Results delivered', values: values('resultsDelivered'), colour: '#8a5300' },
      ],
    }),
    [report],
  );
  const h = report.headline;
  return (
    <>
      <p className="usage-scope">
        {scope} · {report.from} to {report.to} · days in {report.timeZone}
        {report.rolledUpTo && <> · counted up to {new Date(report.rolledUpTo).toLocaleString('en-GB')}</>}
      </p>
      {report.synthetic && (
        <p className="usage-synthetic" role="note">
          Synthetic figures: this server was started with a made-up national history (CONFER_USAGE_SYNTHETIC_ORGS) for
          demonstration. They are not real use.
        </p>
      )}
      <section aria-labelledby="usage-headline">
        <h2 id="usage-headline">At a glance</h2>
        <dl className="usage-headline">
          <div>
            <dt>Messages a day</dt>
            <dd data-figure="messagesPerDay">{fmt(h.messagesPerDay)}</dd>
          </div>
          <div>
            <dt>Meetings a day</dt>
            <dd data-figure="meetingsPerDay">{fmt(h.meetingsPerDay)}</dd>
          </div>
          <div>
            <dt>Active users this month</dt>
            <dd data-figure="activeUsersMonth">{fmt(h.activeUsersMonth)}</dd>
          </div>
          <div>
            <dt>Active users that week / day</dt>
            <dd data-figure="activeUsersWeekDay">
              {fmt(h.activeUsersWeek)} / {fmt(h.activeUsersDay)}
            </dd>
          </div>
        </dl>
        <p className="usage-note">
          Means over the complete days of the range; people active in the week and month of {h.lastCompleteDay}.
        </p>
        <p>
          <a className="usage-csv" href={usageCsvHref(query)} download>
            Download CSV
          </a>
        </p>
      </section>
      {report.growth && <Growth report={report} />}
      <div className="usage-charts">
        <ChartSection title={`Messages per ${unit}`}>
          <UsageChart kind="line" labels={labels} series={charts.messages} summary={summary('Messages', 'messages')} />
        </ChartSection>
        <ChartSection title={`Meetings per ${unit}`}>
          <UsageChart kind="bar" labels={labels} series={charts.meetings} summary={summary('Meetings', 'meetings')} />
        </ChartSection>
        <ChartSection title={`Active users per ${unit}`}>
          <UsageChart kind="line" labels={labels} series={charts.active} summary={summary('Active users', 'activeUsers')} />
        </ChartSection>
        <ChartSection title={`Virtual visits and results per ${unit}`}>
          <UsageChart
            kind="bar"
            labels={labels}
            series={charts.care}
            summary={`${summary('Virtual visits', 'virtualVisits')} ${summary('Results delivered', 'resultsDelivered')}`}
          />
        </ChartSection>
      </div>
      <details className="usage-table">
        <summary>All figures as a table</summary>
        <div className="usage-table-scroll" tabIndex={0} role="region" aria-label="All figures (scrolls sideways)">
          <table>
            <caption>
              Figures per {unit}, {scope}
            </caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {FIGURES.map((f) => (
                  <th scope="col" key={f.key}>
                    {f.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.series.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{p.period}</th>
                  {FIGURES.map((f) => (
                    <td key={f.key}>{fmt(p.figures[f.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function ChartSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="usage-chart-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Growth({ report }: { report: UsageReport }) {
  const g = report.growth!;
  return (
    <section aria-labelledby="usage-growth">
      <h2 id="usage-growth">
        Growth from {g.sincePeriod} to {g.toPeriod}
      </h2>
      <div className="usage-table-scroll" tabIndex={0} role="region" aria-label="Growth (scrolls sideways)">
        <table>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">{g.sincePeriod}</th>
              <th scope="col">{g.toPeriod}</th>
              <th scope="col">Difference</th>
              <th scope="col">Ratio</th>
            </tr>
          </thead>
          <tbody>
            {FIGURES.map((f) => (
              <tr key={f.key}>
                <th scope="row">{f.label}</th>
                <td>{fmt(g.atSince[f.key])}</td>
                <td>{fmt(g.atTo[f.key])}</td>
                <td>{(g.difference[f.key] > 0 ? '+' : '') + fmt(g.difference[f.key])}</td>
                <td>{g.ratio[f.key] == null ? '—' : `${g.ratio[f.key]}×`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

