import { productError, sumError } from '../numerics/doubleDouble';

/**
 * The continued fraction of the incomplete beta function, I_x(a, b) = xᵃ·(1 − x)ᵇ/(a·B(a, b)) · F, evaluated in
 * double-double arithmetic (about 32 digits) by the modified Lentz method (Numerical Recipes' betacf).
 *
 * Why double-double: with a large and x near 1 — a t test at df 1e8, where x = df/(df + t²) = 1 − 4e-8 — every odd
 * step forms 1 + dₖ·D with dₖ·D ≈ −1 + O(1/a), so plain doubles keep only about 16 − log₁₀(a) digits of F (4e-9 at
 * df 1e8, issue 13). In double-double the same cancellation leaves about 1e-32·a, and x is taken as the exact pair
 * 1 − y (hi + lo) rather than a rounded double, whose rounding alone would cost as much. TOMS 708's BGRAT expansion
 * avoids the cancellation in doubles, but needs incomplete-gamma ratios for every b; this is shorter and as accurate.
 *
 * `xHigh + xLow` is x exactly (xLow is 0 when x is a double). Cost: O(√max(a, b)) steps of about 150 flops, at most
 * 100,000 steps; no allocation.
 */
export function betaContinuedFraction(xHigh: number, xLow: number, a: number, b: number): number {
  // d = 1 / (1 − (a + b)·x/(a + 1))
  ddMul(a + b, 0, xHigh, xLow);
  ddDiv(rh, rl, a + 1, 0);
  ddOneOverOnePlus(-rh, -rl);
  let dh = rh;
  let dl = rl;
  let ch = 1;
  let cl = 0;
  let hh = dh;
  let hl = dl;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    for (let half = 0; half < 2; half++) {
      // Even step: m(b − m)x / ((a − 1 + 2m)(a + 2m)); odd step: −(a + m)(a + b + m)x / ((a + 2m)(a + 1 + 2m)).
      // The integer factors are exact doubles for a, b below 2⁵¹; their products are formed in double-double.
      const even = half === 0;
      ddMul(even ? m : -(a + m), 0, even ? b - m : a + b + m, 0);
      ddMul(rh, rl, xHigh, xLow);
      const nh = rh;
      const nl = rl;
      ddMul(even ? a - 1 + m2 : a + m2, 0, even ? a + m2 : a + 1 + m2, 0);
      ddDiv(nh, nl, rh, rl);
      const ah = rh;
      const al = rl;
      // d = 1 / (1 + aa·d)
      ddMul(ah, al, dh, dl);
      ddOneOverOnePlus(rh, rl);
      dh = rh;
      dl = rl;
      // c = 1 + aa / c
      ddDiv(ah, al, ch, cl);
      ddAdd(1, 0, rh, rl);
      floorAtTiny();
      ch = rh;
      cl = rl;
      ddMul(dh, dl, ch, cl);
      const deltaHigh = rh;
      const deltaLow = rl;
      ddMul(hh, hl, deltaHigh, deltaLow);
      hh = rh;
      hl = rl;
      if (half === 1 && Math.abs(deltaHigh - 1 + deltaLow) < 1e-17) return hh + hl;
    }
  }
  return hh + hl;
}

// The result of the last double-double operation (module scope, so the hot loop allocates nothing).
let rh = 0;
let rl = 0;

/** Lentz's guard against a zero denominator (Numerical Recipes' FPMIN). */
const TINY = 1e-300;

/** The last result, replaced by TINY when its magnitude is below TINY. */
function floorAtTiny(): void {
  if (Math.abs(rh) < TINY) {
    rh = TINY;
    rl = 0;
  }
}

/** 1 / (1 + (h + l)), its denominator floored at TINY: Lentz's update of d. */
function ddOneOverOnePlus(h: number, l: number): void {
  ddAdd(1, 0, h, l);
  floorAtTiny();
  ddDiv(1, 0, rh, rl);
}

/** (ah + al) + (bh + bl), normalized (Dekker's add with TwoSum). */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const e = sumError(ah, bh, s) + al + bl;
  rh = s + e;
  rl = e - (rh - s);
}

/** (ah + al)·(bh + bl), normalized (TwoProduct by Veltkamp splitting). */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  const e = productError(ah, bh, p) + (ah * bl + al * bh);
  rh = p + e;
  rl = e - (rh - p);
}

/** (ah + al)/(bh + bl): a first quotient, corrected once with the exact remainder. */
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  const ph = rh;
  const pl = rl;
  ddAdd(ah, al, -ph, -pl);
  const q2 = rh / bh;
  ddAdd(q1, 0, q2, 0);
}
