import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what these charts use, so the bundle carries no more of chart.js than that.
Chart.register(LineController, BarController, LineElement, BarElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: number[];
  colour: string;
}

/**
 * One chart drawn by chart.js on a canvas (no injected styles or scripts: the CSP allows
 * neither). The canvas is an image whose label summarises it; the table beside it, built by
 * the caller, is its full text alternative.
 */
export function UsageChart({
  kind,
  labels,
  series,
  summary,
}: {
  kind: 'line' | 'bar';
  labels: string[];
  series: Series[];
  summary: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.values,
          borderColor: s.colour,
          backgroundColor: s.colour,
          pointRadius: labels.length > 60 ? 0 : 2,
          borderWidth: 2,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => compact(Number(v)) } }, x: { ticks: { maxTicksLimit: 12 } } },
        plugins: { legend: { display: series.length > 1 } },
      },
    });
    return () => chart.destroy();
  }, [kind, labels, series]);
  return (
    <div className="usage-chart">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}

const COMPACT = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

export function compact(n: number): string {
  return COMPACT.format(n);
}
