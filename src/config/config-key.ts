// One setting's definition, as Kafka's ConfigDef.ConfigKey holds it: type, default, validation
// and documentation, plus how it may change at run time. The tables (broker, topic, group) are
// objects of these keyed by Kafka's name; the TypeScript type of each value follows from its
// builder, so code reads typed values (`config.get('num.partitions')` is a number) and no caller
// converts strings.
import { oneOf, listOf, type ConfigValue, type ConfigValueType, type Validator } from './config-def.js'

/**
 * How a broker config may change, as Kafka 4 documents it ("Update Mode"): `read-only` needs a
 * restart; `per-broker` can be set dynamically for one broker; `cluster-wide` also for the
 * cluster default (`<default>`). Topic and group configs are always dynamic.
 */
export type UpdateMode = 'read-only' | 'per-broker' | 'cluster-wide'

export interface ConfigKey<T extends ConfigValue = ConfigValue> {
  readonly type: ConfigValueType
  /** Parsed; null when the config has no default (Kafka's null default). */
  readonly default: T
  /** Kafka's documentation of the config (HTML, as Kafka returns it in DescribeConfigs). */
  readonly doc: string
  readonly validate: Validator | undefined
  readonly mode: UpdateMode
  readonly sensitive: boolean
  /**
   * false: a Kafka config Samsa accepts, validates and describes with Kafka's name, default and
   * documentation, but that nothing here acts on yet (`note` says what is missing). A test keeps
   * this honest: it fails when such a config gets read, or an effective one stops being read.
   */
  readonly effective: boolean
  /** Internal remark: why a config is not effective, or how Samsa differs from Kafka. */
  readonly note: string | undefined
  /** Kafka's default, when Samsa's differs (documented in `note`). */
  readonly kafkaDefault: ConfigValue | undefined
  /** Other names for the same config (broker.id for node.id). */
  readonly aliases: readonly string[]
  /** Kafka's internal configs: accepted, never described. */
  readonly internal: boolean
  /** A setting of Samsa's own, not Kafka's (the web console). */
  readonly samsa: boolean
}

export interface KeyOptions {
  validate?: Validator
  mode?: UpdateMode
  effective?: boolean
  note?: string
  kafkaDefault?: ConfigValue
  aliases?: readonly string[]
  internal?: boolean
  samsa?: boolean
}

function key<T extends ConfigValue>(type: ConfigValueType, dflt: T, doc: string, o: KeyOptions = {}): ConfigKey<T> {
  return {
    type,
    default: dflt,
    doc,
    validate: o.validate,
    mode: o.mode ?? 'read-only',
    sensitive: type === 'password',
    effective: o.effective ?? true,
    note: o.note,
    kafkaDefault: o.kafkaDefault,
    aliases: o.aliases ?? [],
    internal: o.internal ?? false,
    samsa: o.samsa ?? false,
  }
}

/** `number` for a numeric default, `number | null` for a null one. */
type Num<D> = D extends null ? number | null : number
type Str<D> = D extends null ? string | null : string

export const boolean = (dflt: boolean, doc: string, o?: KeyOptions): ConfigKey<boolean> => key('boolean', dflt, doc, o)
export const int = <D extends number | null>(dflt: D, doc: string, o?: KeyOptions): ConfigKey<Num<D>> => key('int', dflt as Num<D>, doc, o)
export const short = <D extends number | null>(dflt: D, doc: string, o?: KeyOptions): ConfigKey<Num<D>> => key('short', dflt as Num<D>, doc, o)
/** A Java long; Long.MAX_VALUE is LONG_MAX (Infinity). */
export const long = <D extends number | null>(dflt: D, doc: string, o?: KeyOptions): ConfigKey<Num<D>> => key('long', dflt as Num<D>, doc, o)
export const double = (dflt: number, doc: string, o?: KeyOptions): ConfigKey<number> => key('double', dflt, doc, o)
export const string = <D extends string | null>(dflt: D, doc: string, o?: KeyOptions): ConfigKey<Str<D>> => key('string', dflt as Str<D>, doc, o)
export const password = (doc: string, o?: KeyOptions): ConfigKey<string | null> => key('password', null, doc, o)
export const list = <D extends readonly string[] | null>(dflt: D, doc: string, o?: KeyOptions): ConfigKey<D extends null ? string[] | null : string[]> =>
  key('list', (dflt === null ? null : [...dflt]) as D extends null ? string[] | null : string[], doc, o)

/** A string that must be one of `values` (Kafka's ValidString); its type is their union. */
export const enumString = <const V extends readonly string[], D extends V[number] | null>(
  values: V,
  dflt: D,
  doc: string,
  o?: KeyOptions,
): ConfigKey<D extends null ? V[number] | null : V[number]> =>
  key('string', dflt as D extends null ? V[number] | null : V[number], doc, { validate: oneOf(...values), ...o })

/** A non-empty list whose items are each one of `values` (Kafka's ValidList). */
export const enumList = <const V extends readonly string[], D extends readonly V[number][] | null>(
  values: V,
  dflt: D,
  doc: string,
  o?: KeyOptions,
): ConfigKey<D extends null ? Array<V[number]> | null : Array<V[number]>> =>
  key('list', (dflt === null ? null : [...dflt]) as D extends null ? Array<V[number]> | null : Array<V[number]>, doc, { validate: listOf(...values), ...o })

/** The value type of a key. */
export type ValueOf<K> = K extends ConfigKey<infer T> ? T : never

/** `log.retention.ms` -> `logRetentionMs`, at the type level, for the typed `values` views. */
export type CamelCase<S extends string> = S extends `${infer H}.${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S

export function camelCase(name: string): string {
  return name.replace(/\.([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/** A table of keys by Kafka name, seen as its typed values by camel-cased name. */
export type ValuesOf<Table> = { readonly [N in keyof Table & string as CamelCase<N>]: ValueOf<Table[N]> }
