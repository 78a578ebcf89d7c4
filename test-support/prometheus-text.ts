/**
 * A strict reader of the Prometheus text format (version 0.0.4) for tests of `/metrics`: every line
 * is a `# HELP`, a `# TYPE`, blank, or a sample, or it throws naming the line. Label values are
 * unescaped (`\\`, `\"`, `\n`); values are read as Prometheus reads them.
 *
 *   const samples = parsePrometheusText(await (await fetch(`${base}/metrics`)).text());
 *   expect(sampleValue(samples, 'newsbrief_commands_total', { command: 'summarize', outcome: 'ok' })).toBe(1);
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;
const META = /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* ?.*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      if (!META.test(line)) throw new Error(`not a HELP or TYPE line: ${line}`);
      if (line.startsWith('# TYPE') && !TYPES.has(line.split(' ')[3] ?? '')) throw new Error(`unknown metric type: ${line}`);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name = '', labelText = '', valueText = ''] = match;
    const value = readFloat(valueText);
    if (value === null) throw new Error(`not a sample value: ${line}`);
    samples.push({ name, labels: parseLabels(labelText, line), value });
  }
  return samples;
}

/** As Prometheus reads it (Go's ParseFloat): NaN and Inf in any case; prom-client writes "Nan". */
function readFloat(text: string): number | null {
  const lowered = text.toLowerCase();
  if (lowered === 'nan') return Number.NaN;
  if (/^[+-]?inf(inity)?$/.test(lowered)) return lowered.startsWith('-') ? -Infinity : Infinity;
  const value = Number(text);
  return text !== '' && !Number.isNaN(value) ? value : null;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels in: ${line}`);
    const [, key = '', raw = ''] = match;
    labels[key] = raw.replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped));
  }
  return labels;
}

/** The value of the one sample with this name whose labels include `labels`; undefined when none, an error when several. */
export function sampleValue(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}: name more labels`);
  return found[0]?.value;
}
