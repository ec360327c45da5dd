export { buildDesign, type Design, type DesignColumn, type DesignOptions } from './design';
export { fitOls, type FitOptions } from './fitOls';
export { OlsResults, finiteOrNull, type Coefficient, type OlsJson, type StandardErrorKind } from './olsResults';
export { solveLeastSquares, defaultRankTolerance, type LeastSquaresSolution } from './leastSquares';
export { studentTTwoSidedPValue, studentTQuantile, studentTDensity } from './studentT';
export { fUpperTailPValue } from './fDistribution';
export { isMissingValue, MISSING_TOKENS } from './missingValue';
export { parseNumber } from './parseNumber';
export { codePointCompare } from './codePointCompare';
