import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { GeneratorError } from '../errors';

export type KeyPath = readonly (string | number)[];

export interface ParsedYaml {
  readonly value: unknown;
  /** `line:col` of the value at `path`, or of its key when `key` is set. */
  locate(path: KeyPath, key?: boolean): string | undefined;
}

/**
 * Parses one YAML 1.2 document; duplicate keys are an error. ACK's go-yaml reads
 * YAML 1.1, where `yes`/`on`/`N` are booleans; 1.2 keeps them strings, so a
 * status value `ON` or a field `N` cannot silently turn into `true`/`false`,
 * and `is_arn: yes` is a type error instead of a guess.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineCol = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${line}:${col}`;
  };
  const [error] = doc.errors;
  if (error) throw new GeneratorError({ file, at: lineCol(error.pos[0]) }, `invalid YAML: ${error.message}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new GeneratorError({ file }, `invalid YAML: ${(e as Error).message}`);
  }
  return {
    value,
    locate(path, key = false) {
      let node: unknown = doc.contents;
      let at: Node | undefined;
      for (const [i, seg] of path.entries()) {
        if (isMap(node)) {
          const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
          if (!pair) return undefined;
          at = (key && i === path.length - 1 ? pair.key : pair.value) as Node | undefined;
          node = pair.value;
        } else if (isSeq(node)) {
          node = at = node.items[Number(seg)] as Node | undefined;
        } else {
          return undefined;
        }
      }
      const range = (path.length === 0 ? (doc.contents as Node | null) : at)?.range;
      return range ? lineCol(range[0]) : undefined;
    },
  };
}
