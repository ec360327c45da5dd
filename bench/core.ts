// What the bench's child processes call in the core, bundled by bench/run.mjs to bench/out/core.cjs. The core has
// no index of its own: the command line, the add-on and dev/ import each file they use.
export { buildDesign } from '../src/core/model/design';
export { fitOls } from '../src/core/model/fitOls';
export { fitGlm } from '../src/core/model/fitGlm';
export { runRecipe } from '../src/core/pipeline/runRecipe';
export { profileGrid } from '../src/core/prepare/profileGrid';
export { seededRandom } from '../src/core/prepare/seededRandom';
export { readTypedCsv } from '../src/core/io/typedCsv';
export { tableFromTyped, tableToGrid } from '../src/core/cells/table';
