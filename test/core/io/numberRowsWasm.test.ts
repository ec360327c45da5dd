import fc from 'fast-check';
import { numberRowsKernel } from '../../../src/core/io/numberRowsWasm';
import { readTypedCsv, useWasmNumbers } from '../../../src/core/io/typedCsv';

// The WebAssembly kernel is readNumberRows compiled ahead of time: every file must read exactly as with
// readNumberRows alone (same numbers to the bit, -0 and NaN included, same levels, same kinds, same messages).

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** readTypedCsv with and without the kernel: its result, or the message it throws. */
function bothWays(text: string): [unknown, unknown] {
  const read = (wasm: boolean): unknown => {
    useWasmNumbers(wasm);
    try {
      return readTypedCsv(bytesOf(text), 'test.csv');
    } catch (error) {
      return { message: (error as Error).message };
    } finally {
      useWasmNumbers(true);
    }
  };
  return [read(true), read(false)];
}

describe('the WebAssembly number kernel reads as readNumberRows does', () => {
  test('it is at hand in Node', () => {
    const bytes = bytesOf('a,b\n1,2\n');
    expect(numberRowsKernel(bytes, 2, Uint8Array.of(1, 1))).not.toBeNull();
  });

  test.each([
    ['plain numbers, LF', 'a,b,c\n1,2.5,-3\n4,0.125,-0\n'],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['no final line end', 'a,b\n1,2\n3,4'],
    ['forms left to the scanner', 'a,b\n.5,5.\n1e3,007\n-,+1\n'],
    ['too long, too many decimals', 'a,b\n9007199254740993,1\n0.12345678901234567890123,2\n'],
    ['a text column and a typo', 'a,b\n1,x\n2,y\n3O,z\n4,w\n'],
    ['too few cells', 'a,b,c\n1,2,3\n4,5\n'],
    ['too many cells', 'a,b\n1,2\n3,4,5\n'],
    ['a bare CR', 'a,b\n1,2\r3,4\n'],
    ['quoted numbers and empty cells', 'a,b\n"1",2\n,3\n4,\n'],
    ['a decimal comma column', 'a,b\n"1,5",2\n"2,25",3\n'],
  ])('%s', (_, text) => {
    const [wasm, js] = bothWays(text);
    expect(wasm).toEqual(js);
  });

  test('on generated files of numbers, near-numbers and text', () => {
    const cell = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((x) => x.toFixed(3)),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.constantFrom('-0', '0', '.5', '5.', '1e3', '007', '-', '', 'NA', 'x', '12O', '"3"', '9007199254740993'),
      fc.stringMatching(/^-?\d{1,20}(\.\d{0,25})?$/),
    );
    const file = fc
      .record({
        width: fc.integer({ min: 1, max: 5 }),
        rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
        crlf: fc.boolean(),
        finalLineEnd: fc.boolean(),
        ragged: fc.boolean(),
      })
      .map(({ width, rows, crlf, finalLineEnd, ragged }) => {
        const end = crlf ? '\r\n' : '\n';
        const header = Array.from({ length: width }, (_, j) => `c${j}`).join(',');
        const lines = rows.map((cells) =>
          (ragged ? cells : Array.from({ length: width }, (_, j) => cells[j % cells.length] as string)).join(','),
        );
        return [header, ...lines].join(end) + (finalLineEnd ? end : '');
      });
    fc.assert(
      fc.property(file, (text) => {
        const [wasm, js] = bothWays(text);
        expect(wasm).toEqual(js);
      }),
      { numRuns: 1500 },
    );
  });

  test('a file with text in every row, which goes on with readNumberRows after the kernel’s first calls', () => {
    const rows = Array.from(
      { length: 600 },
      (_, i) => `clip ${i},${i * 3},2024-01-${String((i % 28) + 1).padStart(2, '0')},${-i / 8}`,
    );
    const [wasm, js] = bothWays(['title,views,posted,change', ...rows].join('\r\n') + '\r\n');
    expect(wasm).toEqual(js);
    expect((wasm as { rows: number }).rows).toBe(600);
  });

  test('across the kernel’s chunks of rows (60 columns: 68 rows a chunk; and a typo far down)', () => {
    const width = 60;
    const header = Array.from({ length: width }, (_, j) => `c${j}`).join(',');
    const rows = Array.from({ length: 3000 }, (_, i) =>
      Array.from({ length: width }, (_, j) => (i === 2500 && j === 7 ? 'x' : ((i * 61 + j) * 0.37).toFixed(2))).join(
        ',',
      ),
    );
    const [wasm, js] = bothWays([header, ...rows].join('\n') + '\n');
    expect(wasm).toEqual(js);
    expect((wasm as { rows: number }).rows).toBe(3000);
  });
});
