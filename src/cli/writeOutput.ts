import { writeFileSync } from 'node:fs';
import { UsageError } from './args';

/**
 * Writes a file the user named (`--out`), turning a file-system failure into one line that names the path.
 * @throws UsageError: "cannot write "x/y.csv": no such folder".
 */
export function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write "${path}": ${fileProblem(error)}`);
  }
}

/** A file-system error in words: "no such file or folder", "it is a folder", "permission denied", … */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return (error as Error).message.split('\n')[0] ?? String(error);
  }
}
