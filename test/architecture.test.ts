import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = join(root, 'src');

/** Every module of src/ with the modules of src/ it imports: type-only imports, re-exports and import() included. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(src, { recursive: true })
    .map((file) => join(src, String(file)))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
    for (const target of targets) {
      if (!known.has(target)) throw new Error(`${relative(root, file)} imports ${target}, which is not in src/`);
    }
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The knots of modules that import each other (strongly connected components of two or more, or one importing itself). */
function knots(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, depth first from each module in name order.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    order.set(file, order.size);
    low.set(file, order.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!order.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file) as number, order.get(target) as number));
    }
    if (low.get(file) !== order.get(file)) return;
    const knot: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      knot.push(member);
    } while (member !== file);
    if (knot.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(knot.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!order.has(file)) visit(file);
  return found;
}

/** The shortest import path from a module back to itself, through the modules of its knot: a → b → c → a. */
function shortestCycle(graph: ReadonlyMap<string, readonly string[]>, knot: readonly string[]): string[] {
  const start = knot[0] as string;
  const inKnot = new Set(knot);
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i] as string;
    for (const target of graph.get(file) ?? []) {
      if (target === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return [...path, start];
      }
      if (inKnot.has(target) && !previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/** Each knot of the graph as one of its cycles, with the other modules of the knot, in repository paths. */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): { cycle: string[]; knot: string[] }[] {
  const name = (file: string) => relative(root, file).split('\\').join('/');
  return knots(graph).map((knot) => ({ cycle: shortestCycle(graph, knot).map(name), knot: knot.map(name) }));
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('is read from every module, type-only imports included', () => {
    const imports = (file: string) => (graph.get(join(root, file)) ?? []).map((f) => relative(root, f));
    expect(graph.size).toBeGreaterThan(100);
    // `import type` and `export … from` count: a type-only cycle still ties the modules' meanings together.
    expect(imports('src/index.ts').length).toBeGreaterThan(20);
  });

  it('has no cycle', () => {
    const cycles = importCycles(graph).map(({ cycle, knot }) => {
      const others = knot.filter((file) => !cycle.includes(file));
      return `${cycle.join(' → ')}${others.length > 0 ? ` (the knot also holds ${others.join(', ')})` : ''}`;
    });
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const a = join(src, 'a.ts');
    const b = join(src, 'b.ts');
    const c = join(src, 'c.ts');
    expect(
      importCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [a]],
        ]),
      ),
    ).toEqual([
      { cycle: ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts'], knot: ['src/a.ts', 'src/b.ts', 'src/c.ts'] },
    ]);
    expect(
      importCycles(
        new Map([
          [a, [a]],
          [b, [a]],
        ]),
      ),
    ).toEqual([{ cycle: ['src/a.ts', 'src/a.ts'], knot: ['src/a.ts'] }]);
    expect(
      importCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, []],
        ]),
      ),
    ).toEqual([]);
  });
});
