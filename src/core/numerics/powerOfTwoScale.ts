/**
 * The power of two nearest to 1/‖column‖, for each column of a column-major matrix (0 for an all-zero column).
 *
 * Equilibrating a design with powers of two makes every column's norm lie in [1/√2, √2) without any rounding:
 * multiplying by 2ᵏ is exact in binary floating point, so the scaled problem has exactly the same solution,
 * just expressed in other units. Cost: O(n·p).
 */
export function powerOfTwoScale(x: Float64Array, rows: number, columns: number): Float64Array {
  const scale = new Float64Array(columns);
  for (let j = 0; j < columns; j++) {
    // One pass of plain squares; only a column whose squares overflow or underflow takes the scaled second pass.
    let sum = 0;
    for (let i = j * rows; i < (j + 1) * rows; i++) sum += (x[i] as number) * (x[i] as number);
    let norm = Math.sqrt(sum);
    if (!(norm > 1e-150 && norm < 1e150)) {
      let maxAbs = 0;
      for (let i = j * rows; i < (j + 1) * rows; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i] as number));
      if (maxAbs === 0 || !Number.isFinite(maxAbs)) continue;
      let scaled = 0;
      for (let i = j * rows; i < (j + 1) * rows; i++) scaled += ((x[i] as number) / maxAbs) ** 2;
      norm = maxAbs * Math.sqrt(scaled);
    }
    scale[j] = Math.pow(2, -Math.round(Math.log2(norm)));
  }
  return scale;
}
