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
    let maxAbs = 0;
    for (let i = j * rows; i < (j + 1) * rows; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i] as number));
    if (maxAbs === 0 || !Number.isFinite(maxAbs)) continue;
    let sum = 0;
    for (let i = j * rows; i < (j + 1) * rows; i++) {
      const v = (x[i] as number) / maxAbs;
      sum += v * v;
    }
    const norm = maxAbs * Math.sqrt(sum);
    scale[j] = Math.pow(2, -Math.round(Math.log2(norm)));
  }
  return scale;
}
