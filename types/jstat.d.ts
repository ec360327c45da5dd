// jStat ships no types and there is no @types/jstat; declare the few functions TikFit uses.
declare module 'jstat' {
  export const jStat: {
    gammaln(x: number): number;
    betacf(x: number, a: number, b: number): number;
    ibeta(x: number, a: number, b: number): number;
    studentt: {
      cdf(x: number, df: number): number;
      inv(p: number, df: number): number;
      pdf(x: number, df: number): number;
    };
    centralF: { cdf(x: number, df1: number, df2: number): number };
  };
}
