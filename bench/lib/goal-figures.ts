import { printTable, round } from './print-table.js';

/** One measured figure, with the goal it is held to when it has one. */
export interface Figure {
  /** Stable name for the report; `name` is the printed label, which carries counts. */
  key: string;
  name: string;
  value: number | null;
  unit: string;
  /** The goal as printed, and whether the value meets it; absent for figures shown for context. */
  goal?: { text: string; pass: boolean };
}

export const goal = (text: string, pass: boolean) => ({ text, pass });

export function showFigure(figure: Figure): string {
  if (figure.value === null || Number.isNaN(figure.value)) return 'n/a';
  const decimals = figure.unit === 'ms' || figure.unit === 'MB' ? 1 : figure.unit === 's' || figure.unit === 'x' ? 2 : 0;
  const suffix = figure.unit === '%' || figure.unit === 'x' ? figure.unit : figure.unit ? ` ${figure.unit}` : '';
  return `${figure.value.toFixed(decimals)}${suffix}`;
}

export function printFigures(figures: readonly Figure[]): void {
  printTable(['measure', 'value', 'goal', 'result'], figures.map((figure) => [
    figure.name, showFigure(figure), figure.goal?.text ?? '', figure.goal ? (figure.goal.pass ? 'PASS' : 'MISS') : '',
  ]));
}

/** The figures as `--report` writes them (CONTRACTS §3). */
export function figuresForReport(figures: readonly Figure[]) {
  return figures.map((figure) => ({
    key: figure.key,
    name: figure.name,
    value: figure.value === null || Number.isNaN(figure.value) ? null : round(figure.value, 3),
    unit: figure.unit,
    ...(figure.goal ? { goal: figure.goal.text, pass: figure.goal.pass } : {}),
  }));
}
