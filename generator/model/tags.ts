import { GeneratorError } from '../errors';
import type { TagsConfig } from '../config/types';
import type { ShapeTypes } from './shape-types';
import type { ResourceField, TagShape } from './types';

/**
 * A kind's tags in its service's shape, read from the model: a map of strings (SQS `tags`,
 * Lambda `Tags`) or a list of key/value structures whose member names vary by service
 * (`Key`/`Value`, KMS `TagKey`/`TagValue`). generator.yaml `tags:` (ACK's path, key_name,
 * value_name, ignore) overrides what is found; a config naming something absent is an error.
 */
export function tagsOf(
  spec: readonly ResourceField[],
  config: TagsConfig | undefined,
  shapeTypes: ShapeTypes,
  at: (path: string) => { file: string; at: string },
): TagShape | undefined {
  // A nested path (S3 `Tagging.TagSet`) names tags inside a sub-resource, which carries them (sub-resources.ts).
  if (config?.ignore || config?.path?.includes('.')) return undefined;
  const wanted = (config?.path ?? 'Tags').toLowerCase();
  const field = spec.find((f) => f.member.toLowerCase() === wanted || f.json.toLowerCase() === wanted);
  if (!field) {
    if (config?.path) throw new GeneratorError(at('tags.path'), `"${config.path}" names no spec field`, `spec fields are ${spec.map((f) => f.member).join(', ')}`);
    return undefined;
  }
  const t = field.type;
  if (t.kind === 'map' && t.value.kind === 'string') return { field: field.json, shape: 'map' };
  if (t.kind === 'list' && t.item.kind === 'struct') {
    const members = shapeTypes.members(t.item.shape);
    const find = (configured: string | undefined, fallback: RegExp, key: string) => {
      const m = configured
        ? members.find((x) => x.member.toLowerCase() === configured.toLowerCase())
        : members.find((x) => fallback.test(x.member) && x.type.kind === 'string');
      if (!m && configured) {
        throw new GeneratorError(at(`tags.${key}`), `"${configured}" is not a member of the tag structure`, `members are ${members.map((x) => x.member).join(', ')}`);
      }
      return m?.member;
    };
    const keyName = find(config?.key_name, /^(tag)?key$/i, 'key_name');
    const valueName = find(config?.value_name, /^(tag)?value$/i, 'value_name');
    if (keyName && valueName) return { field: field.json, shape: 'list', keyName, valueName };
  }
  if (config?.path) {
    throw new GeneratorError(at('tags.path'), `"${config.path}" is neither a map of strings nor a list of key/value structures`);
  }
  return undefined;
}
