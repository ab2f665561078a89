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

const memo = new Map<string, string>();

export function htmlToText(html: string): string {
  const hit = memo.get(html);
  if (hit !== undefined) return hit;
  const text = decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(fullname|examples)>[\s\S]*?<\/\1>/gi, '')
      .replace(/\s+/g, ' ')
      .replace(/<li>\s*(<p>)?\s*/gi, '\n- ')
      .replace(/<\/(p|ul|ol|note|important|dl)>/gi, '\n\n')
      .replace(/<(p|ul|ol|note|important|dl|br\s*\/?)>/gi, '\n\n')
      .replace(/<\/?(dt|dd)>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n(- )/g, '\n$1')
    .trim();
  memo.set(html, text);
  return text;
}
