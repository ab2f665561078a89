/**
 * Smithy documentation is HTML; CRD descriptions and TypeScript doc comments
 * want plain text. Paragraphs become blank-line separated, list items "- ".
 */
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/**
 * C1 control characters in AWS docs are Windows-1252 text decoded as Latin-1 (U+0096 is an en
 * dash in RDS's GlobalCluster docs): give them back their intended characters. Other C0/C1
 * controls carry no text and strict YAML parsers (PyYAML) refuse them: drop them.
 */
const CP1252: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

export function withoutControlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x09 || code === 0x0b || code === 0x0c ? ' ' : CP1252[code] ?? '';
  });
}

const memo = new Map<string, string>();

export function htmlToText(html: string): string {
  const hit = memo.get(html);
  if (hit !== undefined) return hit;
  const text = withoutControlChars(decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(fullname|examples)>[\s\S]*?<\/\1>/gi, '')
      .replace(/\s+/g, ' ')
      .replace(/<li>\s*(<p>)?\s*/gi, '\n- ')
      .replace(/<\/(p|ul|ol|note|important|dl)>/gi, '\n\n')
      .replace(/<(p|ul|ol|note|important|dl|br\s*\/?)>/gi, '\n\n')
      .replace(/<\/?(dt|dd)>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  ))
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n(- )/g, '\n$1')
    .trim();
  memo.set(html, text);
  return text;
}
