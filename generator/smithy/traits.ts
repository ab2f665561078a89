import { GeneratorError } from '../errors';
import { isObject } from './json';
import type { EnumValue, Traits } from './types';

/** Where a trait map sits, for error messages. */
export interface TraitSite {
  file: string;
  at: string;
}

export const EMPTY_TRAITS: Traits = Object.freeze({ raw: Object.freeze({}) });

type Raw = Record<string, unknown>;

// Helpers live at module level, not as closures in toTraits: it runs once per shape
// and member (~15k times for sagemaker), and tsx's keepNames makes closure creation costly.


function bad(site: TraitSite, message: string): GeneratorError {
  return new GeneratorError({ file: site.file, at: site.at }, message);
}

function badTrait(site: TraitSite, trait: string, expected: string): GeneratorError {
  return bad(site, `trait ${trait} must be ${expected}`);
}

function str(raw: Raw, trait: string, site: TraitSite): string | undefined {
  const v = raw[trait];
  if (v === undefined || typeof v === 'string') return v;
  throw badTrait(site, trait, 'a string');
}

function obj(raw: Raw, trait: string, site: TraitSite): Raw | undefined {
  const v = raw[trait];
  if (v === undefined || isObject(v)) return v;
  throw badTrait(site, trait, 'an object');
}

function field(o: Raw, key: string, type: 'string' | 'number', trait: string, site: TraitSite): unknown {
  const v = o[key];
  if (v !== undefined && typeof v !== type) throw badTrait(site, trait, `an object whose "${key}" is a ${type}`);
  return v;
}

function bounds(raw: Raw, trait: string, site: TraitSite): { min?: number; max?: number } | undefined {
  const o = obj(raw, trait, site);
  if (!o) return undefined;
  const b: { min?: number; max?: number } = {};
  const min = field(o, 'min', 'number', trait, site) as number | undefined;
  const max = field(o, 'max', 'number', trait, site) as number | undefined;
  if (min !== undefined) b.min = min;
  if (max !== undefined) b.max = max;
  return b;
}

function optionalStrings<K extends string>(
  o: Raw,
  keys: readonly K[],
  trait: string,
  site: TraitSite,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = field(o, k, 'string', trait, site) as string | undefined;
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Types the traits we use; every trait, typed or not, stays in `raw`. */
export function toTraits(rawValue: unknown, site: TraitSite): Traits {
  if (rawValue === undefined) return EMPTY_TRAITS;
  if (!isObject(rawValue)) throw bad(site, '"traits" must be an object');
  const raw = rawValue;
  const t: Traits = { raw };

  const documentation = str(raw, 'smithy.api#documentation', site);
  if (documentation !== undefined) t.documentation = documentation;
  if ('smithy.api#required' in raw) t.required = true;
  if ('smithy.api#default' in raw) t.default = raw['smithy.api#default'];
  if ('smithy.api#clientOptional' in raw) t.clientOptional = true;
  if ('smithy.api#sensitive' in raw) t.sensitive = true;
  if ('smithy.api#idempotencyToken' in raw) t.idempotencyToken = true;
  if ('smithy.api#mixin' in raw) t.mixin = true;

  if ('smithy.api#enum' in raw) t.enum = enumTrait(raw['smithy.api#enum'], site);
  const enumValue = raw['smithy.api#enumValue'];
  if (enumValue !== undefined) {
    if (typeof enumValue !== 'string' && typeof enumValue !== 'number') {
      throw badTrait(site, 'smithy.api#enumValue', 'a string or a number');
    }
    t.enumValue = enumValue;
  }

  const length = bounds(raw, 'smithy.api#length', site);
  if (length) t.length = length;
  const range = bounds(raw, 'smithy.api#range', site);
  if (range) t.range = range;
  const pattern = str(raw, 'smithy.api#pattern', site);
  if (pattern !== undefined) t.pattern = pattern;

  const deprecated = obj(raw, 'smithy.api#deprecated', site);
  if (deprecated) t.deprecated = optionalStrings(deprecated, ['message', 'since'], 'smithy.api#deprecated', site);

  const error = raw['smithy.api#error'];
  if (error !== undefined) {
    if (error !== 'client' && error !== 'server') throw badTrait(site, 'smithy.api#error', '"client" or "server"');
    t.error = error;
  }
  const httpError = raw['smithy.api#httpError'];
  if (httpError !== undefined) {
    if (typeof httpError !== 'number') throw badTrait(site, 'smithy.api#httpError', 'a number');
    t.httpError = httpError;
  }
  const queryError = obj(raw, 'aws.protocols#awsQueryError', site);
  if (queryError) {
    const { code } = optionalStrings(queryError, ['code'], 'aws.protocols#awsQueryError', site);
    if (code !== undefined) t.awsQueryErrorCode = code;
  }

  const paginated = obj(raw, 'smithy.api#paginated', site);
  if (paginated) {
    const keys = ['inputToken', 'outputToken', 'items', 'pageSize'] as const;
    t.paginated = optionalStrings(paginated, keys, 'smithy.api#paginated', site);
  }

  const timestampFormat = str(raw, 'smithy.api#timestampFormat', site);
  if (timestampFormat !== undefined) t.timestampFormat = timestampFormat;
  const jsonName = str(raw, 'smithy.api#jsonName', site);
  if (jsonName !== undefined) t.jsonName = jsonName;

  const service = obj(raw, 'aws.api#service', site);
  if (service) {
    const { sdkId, arnNamespace } = optionalStrings(service, ['sdkId', 'arnNamespace'], 'aws.api#service', site);
    if (sdkId !== undefined) t.sdkId = sdkId;
    if (arnNamespace !== undefined) t.arnNamespace = arnNamespace;
  }
  return t;
}

function enumTrait(v: unknown, site: TraitSite): EnumValue[] {
  const expected = 'a list of {value, name?, documentation?, deprecated?}';
  if (!Array.isArray(v)) throw badTrait(site, 'smithy.api#enum', expected);
  return v.map((e: unknown) => {
    if (!isObject(e) || typeof e.value !== 'string') throw badTrait(site, 'smithy.api#enum', expected);
    const out: EnumValue = { name: typeof e.name === 'string' ? e.name : e.value, value: e.value };
    if (typeof e.documentation === 'string') out.documentation = e.documentation;
    if (e.deprecated === true) out.deprecated = true;
    return out;
  });
}
