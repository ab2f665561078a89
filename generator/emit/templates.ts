import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * The non-TypeScript outputs come from files under templates/: a file ending in
 * `.hbs` is rendered with Handlebars (the suffix dropped), any other file is copied
 * as it is (Helm's own Go templates live there, and `{{ }}` must reach Helm untouched).
 */

/** templates/ at the repository root; found by walking up, since the generator also runs bundled from .cache/. */
export const TEMPLATES_DIR = join(repoRoot(__dirname), 'templates');

function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    if (dirname(dir) === dir) throw new Error(`templates/ not found above ${from}`);
  }
}

/** Relative path → file text. */
export type TemplateTree = ReadonlyMap<string, string>;

const trees = new Map<string, TemplateTree>();

/** The files under templates/<name>/, read once per process (they ship with the generator, like its modules). */
export function templateTree(name: string, root = TEMPLATES_DIR): TemplateTree {
  const dir = join(root, name);
  let tree = trees.get(dir);
  if (!tree) {
    const files = readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name))
      .sort();
    tree = new Map(files.map((f) => [relative(dir, f).split(sep).join('/'), readFileSync(f, 'utf8')]));
    trees.set(dir, tree);
  }
  return tree;
}

const hbs = Handlebars.create();
// Quotes a value for JSON or YAML (a JSON string is a valid YAML scalar, a JSON array a flow sequence).
hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
hbs.registerHelper('indent', (n: number, text: string) => text.replace(/\n(?!$)/g, `\n${' '.repeat(n)}`));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders every file of `tree` with `data` (see the module comment). Pure given the tree. */
export function renderTree(tree: TemplateTree, data: object): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of tree) {
    if (!path.endsWith('.hbs')) {
      out.set(path, text);
      continue;
    }
    let template = compiled.get(text);
    if (!template) {
      template = hbs.compile(text, { noEscape: true, strict: true });
      compiled.set(text, template);
    }
    try {
      out.set(path.slice(0, -'.hbs'.length), template(data));
    } catch (e) {
      throw new Error(`templates: ${path}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return out;
}
