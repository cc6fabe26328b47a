#!/usr/bin/env node
// Fails when files under src/ import each other in a loop at run time (type-only imports do not count: they are
// erased). A circle makes module evaluation order matter (a file can run before what it imports is defined).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const files = listTs(join(root, 'src')).filter((f) => !f.endsWith('.test.ts'));
const known = new Set(files);
const edges = new Map(files.map((f) => [f, runtimeImports(f).filter((t) => known.has(t))]));
const circles = stronglyConnected(files, edges).filter((c) => c.length > 1);
for (const circle of circles) {
  console.error(`import circle (${circle.length} files):`);
  for (const f of circle)
    console.error(
      `  ${relative(root, f)} -> ${edges
        .get(f)
        .filter((t) => circle.includes(t))
        .map((t) => relative(root, t))
        .join(', ')}`,
    );
}
console.log(
  circles.length === 0
    ? `no import circle at run time in ${files.length} files under src/`
    : `${circles.length} import circle(s) at run time`,
);
process.exit(circles.length === 0 ? 0 : 1);

function listTs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listTs(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The files this one imports or re-exports at run time (relative specifiers only; `import type` and all-type named imports are skipped). */
function runtimeImports(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const targets = [];
  for (const node of source.statements) {
    let specifier;
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause &&
        !clause.name &&
        named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
      specifier = node.moduleSpecifier;
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      if (node.isTypeOnly) continue;
      const named = node.exportClause;
      if (named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly))
        continue;
      specifier = node.moduleSpecifier;
    }
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.'))
      targets.push(resolve(dirname(file), specifier.text));
  }
  return targets;
}

/** Tarjan's strongly connected components. */
function stronglyConnected(nodes, edges) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const out = [];
  const visit = (v) => {
    info.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of edges.get(v)) {
      if (!info.has(w)) {
        visit(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
    }
    if (info.get(v).low === info.get(v).index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const v of nodes) if (!info.has(v)) visit(v);
  return out;
}
