// The admin dashboard: charts from the server's own history (GET /admin/metrics/history, sampled by the server)
// and its garbage-collection runs, drawn with uPlot (a WebJar served from this origin, so the CSP holds).
import uPlot from '../../webjars/uplot/1.6.30/dist/uPlot.esm.js';
import {h, notice, emptyState, formatBytes, formatTime} from '../dom.js';
import {api} from '../api.js';
import {friendlyError} from '../messages.js';

const CSS = 'webjars/uplot/1.6.30/dist/uPlot.min.css';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

function ensureStylesheet() {
  if (!document.querySelector(`link[href="${CSS}"]`)) document.head.append(h('link', {rel: 'stylesheet', href: CSS}));
}

/** A figure holding one chart, with a caption, a legend in text and a summary for screen readers. */
function chartFigure(id, title, summary, points) {
  const plot = h('div', {class: 'chart-plot', role: 'img', 'aria-label': `${title}: ${summary}`});
  const legend = h('p', {class: 'chart-legend', 'aria-hidden': 'true'});
  const figure = h('figure', {class: 'chart card', id, 'data-points': String(points)}, h('figcaption', {}, h('h2', {}, title)), plot, legend);
  return {figure, plot, legend};
}

function draw(target, series, data, axes) {
  const width = Math.max(280, target.plot.clientWidth || 560);
  target.legend.replaceChildren(...series.map((s, i) => h('span', {class: `legend-item legend-${i}`}, s.label)));
  return new uPlot({
    width, height: 220, legend: {show: false}, cursor: {show: true, drag: {x: false, y: false}},
    scales: {x: {time: true}},
    axes: [{stroke: 'currentColor', grid: {stroke: 'rgba(128,128,128,0.2)'}}, ...axes],
    series: [{}, ...series.map((s, i) => ({label: s.label, stroke: COLORS[i], width: 2, scale: s.scale || 'y',
      points: {show: true, size: 4}, paths: s.bars ? uPlot.paths.bars({size: [0.6, 40]}) : undefined, fill: s.bars ? COLORS[i] : undefined,
      spanGaps: false}))],
  }, data, target.plot);
}

const bytesAxis = (scale = 'y', side = 3) => ({scale, side, stroke: 'currentColor', size: 85, grid: {stroke: 'rgba(128,128,128,0.2)'},
  values: (u, ticks) => ticks.map((t) => formatBytes(t))});
const numberAxis = (scale = 'y', side = 3, unit = '') => ({scale, side, stroke: 'currentColor', size: 80, grid: {show: side === 3, stroke: 'rgba(128,128,128,0.2)'},
  values: (u, ticks) => ticks.map((t) => `${Number(t.toFixed(3))}${unit}`)});

function tile(id, label, value) {
  return h('div', {class: 'tile'}, h('p', {class: 'tile-label'}, label), h('p', {class: 'tile-value', id}, value));
}

export async function dashboardTab(body) {
  ensureStylesheet();
  let history;
  let gc;
  try {
    [history, gc] = await Promise.all([api('/admin/metrics/history'), api('/admin/gc/runs')]);
  } catch (e) {
    if (e.status === 401) throw e;
    body.replaceChildren(notice('error', friendlyError(e)));
    return;
  }
  const samples = history.samples || [];
  const now = samples[samples.length - 1] || {};
  const x = samples.map((s) => Date.parse(s.at) / 1000);
  const col = (f) => samples.map((s) => { const v = f(s); return v === null || v === undefined ? null : v; });
  const runs = (gc.runs || []).filter((r) => r.finished && !r.dry_run).slice().reverse();

  const storage = chartFigure('chart-storage', 'Stored bytes and artifacts',
    `now ${formatBytes(now.stored_bytes)} in ${now.blob_count} blobs and ${now.artifact_count} artifacts`, samples.length);
  const traffic = chartFigure('chart-traffic', 'Requests per second and latency',
    `now ${now.requests_per_second ?? 0} requests per second, p95 ${now.latency_ms?.p95 ?? '—'} ms`, samples.length);
  const errors = chartFigure('chart-errors', 'Errors and publishes per interval',
    `${now.server_errors ?? 0} server errors, ${now.client_errors ?? 0} client errors, ${now.publishes ?? 0} publishes in the last interval`, samples.length);
  const freed = chartFigure('chart-gc', 'Garbage collection: bytes freed per run',
    runs.length ? `${runs.length} runs, the last freed ${formatBytes(runs[runs.length - 1].bytes_freed)}` : 'no collections yet', runs.length);

  body.replaceChildren(
    h('p', {class: 'muted'}, `The server samples these every ${history.interval_seconds} s and keeps the last day in memory (restarts start afresh); the last point is now, ${formatTime(now.at)}.`),
    h('div', {class: 'tiles'},
      tile('stat-bytes', 'Stored', formatBytes(now.stored_bytes)),
      tile('stat-blobs', 'Blobs', Number(now.blob_count || 0).toLocaleString('en')),
      tile('stat-artifacts', 'Artifacts', Number(now.artifact_count || 0).toLocaleString('en')),
      tile('stat-requests', 'Requests since start', Number(now.requests_total || 0).toLocaleString('en')),
      tile('stat-publishes', 'Publishes since start', Number(now.publishes_total || 0).toLocaleString('en'))),
    h('div', {class: 'charts'}, storage.figure, traffic.figure, errors.figure,
      runs.length ? freed.figure : h('section', {class: 'card chart', id: 'chart-gc'}, h('h2', {}, 'Garbage collection: bytes freed per run'),
        emptyState('No collections have run yet.'))));

  draw(storage, [{label: 'Stored bytes'}, {label: 'Artifacts', scale: 'count'}],
    [x, col((s) => s.stored_bytes), col((s) => s.artifact_count)], [bytesAxis('y', 3), numberAxis('count', 1)]);
  draw(traffic, [{label: 'Requests/s', scale: 'rate'}, {label: 'p50 ms'}, {label: 'p95 ms'}, {label: 'p99 ms'}],
    [x, col((s) => s.requests_per_second), col((s) => s.latency_ms?.p50), col((s) => s.latency_ms?.p95), col((s) => s.latency_ms?.p99)],
    [numberAxis('y', 3, ' ms'), numberAxis('rate', 1, '/s')]);
  draw(errors, [{label: 'Server errors (5xx)'}, {label: 'Client errors (4xx)'}, {label: 'Publishes'}],
    [x, col((s) => s.server_errors), col((s) => s.client_errors), col((s) => s.publishes)], [numberAxis('y', 3)]);
  if (runs.length) {
    draw(freed, [{label: 'Bytes freed', bars: true}], [runs.map((r) => Date.parse(r.finished) / 1000), runs.map((r) => r.bytes_freed || 0)],
      [bytesAxis('y', 3)]);
  }
}
