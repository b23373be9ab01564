/** The benchmark table: rows with a verdict against their target, rendered as markdown. */
import { ratio } from './stats.js';

export interface Row {
  measure: string;
  plugin: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: string;
}

/** A row comparing plugin ÷ baseline; with a target, the verdict says whether the ratio is within it. */
export function comparisonRow(measure: string, plugin: string, baseline: string, value: number, target?: number): Row {
  return {
    measure,
    plugin,
    baseline,
    ratio: ratio(value),
    target: target === undefined ? '—' : `≤ ${ratio(target)}`,
    verdict: target === undefined ? '—' : value <= target ? 'met' : 'missed',
  };
}

/**
 * A peak-memory row: bytes added by the plugin and by the baseline, as multiples of the object's
 * size; with a limit, the verdict says whether the plugin stays within it.
 */
export function memoryRow(
  measure: string,
  pluginBytes: number,
  baselineBytes: number,
  size: number,
  limit?: number,
  ratioText?: string,
): Row {
  const plugin = pluginBytes / size;
  const baseline = baselineBytes / size;
  return {
    measure,
    plugin: `${plugin.toFixed(2)}× size`,
    baseline: `${baseline.toFixed(2)}× size`,
    ratio: ratioText ?? ratio(plugin / Math.max(baseline, 1e-6)),
    target: limit === undefined ? '—' : `≤ ${limit}× size`,
    verdict: limit === undefined ? '—' : plugin <= limit ? 'met' : 'missed',
  };
}

export function renderTable(rows: Row[]): string {
  return [
    '| measure | this plugin | baseline | ratio (plugin ÷ baseline) | target | result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) => `| ${row.measure} | ${row.plugin} | ${row.baseline} | ${row.ratio} | ${row.target} | ${row.verdict} |`,
    ),
  ].join('\n');
}

export function renderReport(rows: Row[], machine: string, date: string, notes: string[], appendix = ''): string {
  return [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${date}: ${machine}.`,
    'Every figure comes from one run of the bench, interleaving the plugin and its baseline in the same process against',
    'the embedded S3 server (s3rver) and Ceph RGW on 127.0.0.1; times are medians per call; a ratio is plugin ÷ baseline, the',
    'median of the ratios of samples taken back to back (so a slow spell of the shared machine cancels out). Peak memory',
    "is measured in a fresh process per read or upload (peak RSS during it minus the settled RSS before it), as a multiple of the object's size.",
    '',
    renderTable(rows),
    '',
    '## Notes',
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    ...(appendix ? [appendix] : []),
  ].join('\n');
}
