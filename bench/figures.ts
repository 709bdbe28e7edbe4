/**
 * One headline figure of a benchmark, printed as a line `npm run bench` collects into its closing
 * summary table: `FIGURE name | value | baseline | ratio | goal | met`. Any bench can print these
 * (the runner only greps stdout for lines starting with `FIGURE `); `met` may be left empty.
 */
export interface Figure {
  name: string
  /** What was measured, with its unit (`68 ms`, `2.6 kB`). */
  value: string
  /** What it is compared with, measured in the same run (`node -e 0: 61 ms`). */
  baseline: string
  /** value ÷ baseline, e.g. `1.12×`. */
  ratio: string
  /** The goal from the issue (`≤ 1.5×`). */
  goal: string
  met?: boolean
}

export const printFigure = (f: Figure): void => {
  const cell = (s: string): string => s.replace(/\|/g, '/')
  console.log(`FIGURE ${[f.name, f.value, f.baseline, f.ratio, f.goal, f.met === undefined ? '' : f.met ? 'yes' : 'no'].map(cell).join(' | ')}`)
}

/** The median of some numbers (the middle one, or the mean of the two middle ones). */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** `1.23×` */
export const times = (ratio: number): string => `${ratio.toFixed(2)}×`
