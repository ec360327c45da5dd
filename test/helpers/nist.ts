import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedRoot } from './shared';

/** One NIST StRD linear-regression dataset with its certified values (../shared/data/nist/certified.json). */
export interface NistDataset {
  name: string;
  intercept: boolean;
  degree: number;
  nParams: number;
  coefficients: number[];
  stderrs: number[];
  residualSD: number;
  rSquared: number;
  data: { columns: string[]; rows: number[][] };
}

export const nistPath = join(sharedRoot, 'data', 'nist', 'certified.json');

export function loadNist(): NistDataset[] {
  return JSON.parse(readFileSync(nistPath, 'utf8')) as NistDataset[];
}

/**
 * The dataset as CSV text with columns y, x1..xk, powers precomputed for the polynomial ones (x^k by
 * repeated multiplication, printed with 17 significant digits), as `tikfit fit` is given them in acceptance.
 */
export function nistCsv(d: NistDataset): string {
  const k = d.intercept ? d.nParams - 1 : d.nParams;
  const header = ['y', ...Array.from({ length: k }, (_, i) => `x${i + 1}`)];
  const lines = [header.join(',')];
  for (const row of d.data.rows) {
    const y = row[0] as number;
    let xs: number[];
    if (d.degree > 1) {
      const x = row[1] as number;
      xs = [];
      let power = 1;
      for (let i = 0; i < k; i++) {
        power *= x;
        xs.push(power);
      }
    } else {
      xs = row.slice(1);
    }
    lines.push([y, ...xs].map((v) => v.toPrecision(17)).join(','));
  }
  return lines.join('\n') + '\n';
}
