/**
 * The operations' layout (docs/development.md, "Layout"): one folder per family, each with its
 * option specs (options.ts) and its operations (operations.ts), listed once in table.ts; what
 * several families use lives in shared/. A family uses shared/ and the rest of lib/, never
 * another family, and shared/ uses no family, so an operation is read and changed in one folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../dev/project-root.js';
import { FAMILIES, OPERATION_NAMES } from '../../lib/operations/table.js';

const operations = path.join(projectRoot(), 'lib', 'operations');
const folders = readdirSync(operations, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const families = folders.filter((folder) => folder !== 'shared');

/** Each file of a folder with the operation folders it imports from (`shared`, a family, or `lib` for the rest). */
function importsOf(folder: string): Array<{ file: string; from: string }> {
  return readdirSync(path.join(operations, folder))
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const text = readFileSync(path.join(operations, folder, file), 'utf8');
      return ts.preProcessFile(text, true, true).importedFiles.flatMap(({ fileName }) => {
        if (!fileName.startsWith('.')) return [];
        const target = path.relative(operations, path.resolve(operations, folder, fileName));
        const [first, second] = target.split(path.sep);
        const from = first === '..' || second === undefined ? 'lib' : first;
        return [{ file: `${folder}/${file}`, from }];
      });
    });
}

it('has the ten families and shared/', () => {
  expect(families.sort()).toEqual([
    'buckets',
    'cors',
    'folders',
    'lifecycle',
    'listing',
    'multipart',
    'objects',
    'signed',
    'tags',
    'versions',
  ]);
  expect(folders).toContain('shared');
});

it.each(families)('%s holds its option specs and its operations', (family) => {
  const files = readdirSync(path.join(operations, family));
  expect(files).toEqual(expect.arrayContaining(['options.ts', 'operations.ts']));
});

it('table.ts lists every family once, and every operation is in exactly one', () => {
  expect(FAMILIES).toHaveLength(families.length);
  const named = FAMILIES.flatMap((family) => Object.keys(family));
  expect(named).toHaveLength(new Set(named).size);
  expect(named).toEqual(OPERATION_NAMES);
});

it.each(families)('%s imports shared/ and the rest of lib/, never another family', (family) => {
  const foreign = importsOf(family).filter(({ from }) => ![family, 'shared', 'lib'].includes(from));
  expect(foreign).toEqual([]);
});

it('shared/ imports no family', () => {
  expect(importsOf('shared').filter(({ from }) => !['shared', 'lib'].includes(from))).toEqual([]);
});

it('the check sees imports: a family reaches shared/ and lib/', () => {
  expect(importsOf('objects').map(({ from }) => from)).toEqual(expect.arrayContaining(['objects', 'shared', 'lib']));
});
