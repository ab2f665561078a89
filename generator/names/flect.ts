/**
 * `flect.Pluralize` of gobuffalo/flect v1.0.3 (MIT), which controller-gen v0.19.0
 * uses for a CRD's plural (`strings.ToLower(flect.Pluralize(Kind))`). Ported
 * with its word lists because the CRD name must be the one ACK ships:
 * `Alias` → `aliases`, `Index` → `indices`, `ScalingPolicy` → `scalingpolicies`.
 * Only the last word of a camel-cased name is inflected.
 */

// Irregular words: [singular, plural, flags]. Flags: `x` exact (never a suffix
// rule), `u` unidirectional, `n` uncountable (plural = singular).
const DICTIONARY: ReadonlyArray<readonly [string, string, string?]> = [
  ['aircraft', 'aircraft'], ['beef', 'beef'], ['bison', 'bison'], ['blues', 'blues', 'u'],
  ['chassis', 'chassis'], ['deer', 'deer'], ['fish', 'fish'], ['moose', 'moose'],
  ['police', 'police'], ['salmon', 'salmon'], ['series', 'series'], ['sheep', 'sheep'],
  ['shrimp', 'shrimp'], ['species', 'species'], ['swine', 'swine'], ['trout', 'trout'],
  ['tuna', 'tuna'], ['you', 'you'],
  ['child', 'children'], ['ox', 'oxen', 'x'],
  ['foot', 'feet'], ['goose', 'geese'], ['man', 'men'], ['human', 'humans'],
  ['louse', 'lice', 'x'], ['mouse', 'mice'], ['tooth', 'teeth'], ['woman', 'women'],
  ['die', 'dice', 'x'], ['person', 'people'],
  ['adieu', 'adieux'], ['fabliau', 'fabliaux'], ['bureau', 'bureaus'],
  ['criterion', 'criteria'], ['ganglion', 'ganglia'], ['lexicon', 'lexica'],
  ['mitochondrion', 'mitochondria'], ['noumenon', 'noumena'], ['phenomenon', 'phenomena'],
  ['taxon', 'taxa'],
  ['media', 'media'], ['medium', 'media', 'u'], ['stadium', 'stadiums'], ['aquarium', 'aquaria'],
  ['auditorium', 'auditoria'], ['symposium', 'symposia'], ['curriculum', 'curriculums'],
  ['quota', 'quotas'],
  ['alumnus', 'alumni'], ['bacillus', 'bacilli'], ['cactus', 'cacti'], ['coccus', 'cocci'],
  ['focus', 'foci'], ['locus', 'loci'], ['nucleus', 'nuclei'], ['octopus', 'octupuses'],
  ['radius', 'radii'], ['syllabus', 'syllabi'], ['corpus', 'corpora'], ['genus', 'genera'],
  ['alumna', 'alumnae'], ['vertebra', 'vertebrae'], ['differentia', 'differentiae'],
  ['minutia', 'minutiae'], ['vita', 'vitae'], ['larva', 'larvae'], ['postcava', 'postcavae'],
  ['praecava', 'praecavae'], ['uva', 'uvae'],
  ['apex', 'apices'], ['codex', 'codices'], ['index', 'indices'], ['latex', 'latices'],
  ['vertex', 'vertices'], ['vortex', 'vortices'],
  ['appendix', 'appendices'], ['radix', 'radices'], ['helix', 'helices'],
  ['axis', 'axes', 'x'], ['crisis', 'crises'], ['ellipsis', 'ellipses', 'u'],
  ['genesis', 'geneses'], ['oasis', 'oases'], ['thesis', 'theses'], ['testis', 'testes'],
  ['base', 'bases'], ['basis', 'bases', 'u'],
  ['alias', 'aliases', 'x'], ['vedalia', 'vedalias'],
  ['use', 'uses', 'x'], ['abuse', 'abuses'], ['cause', 'causes'], ['clause', 'clauses'],
  ['cruse', 'cruses'], ['excuse', 'excuses'], ['fuse', 'fuses'], ['house', 'houses'],
  ['misuse', 'misuses'], ['muse', 'muses'], ['pause', 'pauses'], ['ache', 'aches'],
  ['topaz', 'topazes'], ['buffalo', 'buffaloes'], ['potato', 'potatoes'], ['tomato', 'tomatoes'],
  ['equipment', 'equipment', 'n'], ['information', 'information', 'n'], ['jeans', 'jeans', 'n'],
  ['money', 'money', 'n'], ['news', 'news', 'n'], ['rice', 'rice', 'n'],
  ['dwarf', 'dwarfs'], ['hoof', 'hoofs'], ['thief', 'thieves'],
  ['chive', 'chives'], ['hive', 'hives'], ['move', 'moves'],
  ['movie', 'movies'], ['cookie', 'cookies'],
  ['pretorium', 'pretoriums'], ['agenda', 'agendas'],
  ['formula', 'formulas'],
  ['shoe', 'shoes'], ['toe', 'toes', 'x'], ['graffiti', 'graffiti'],
  ['ID', 'IDs', 'x'],
];

// Alternative plurals only matter for "is this already plural?".
const ALTERNATIVES: Readonly<Record<string, string>> = {
  beefs: 'beef', fishes: 'fish', salmons: 'salmon', shrimps: 'shrimp', swines: 'swine',
  trouts: 'trout', tunas: 'tuna', adieus: 'adieu', bureaux: 'bureau', ganglions: 'ganglion',
  lexicons: 'lexicon', mitochondrions: 'mitochondrion', stadia: 'stadium', aquariums: 'aquarium',
  auditoriums: 'auditorium', symposiums: 'symposium', curricula: 'curriculum',
  alumnuses: 'alumnus', cactuses: 'cactus', focuses: 'focus', locuses: 'locus',
  nucleuses: 'nucleus', octopi: 'octopus', radiuses: 'radius', corpuses: 'corpus',
  apexes: 'apex', codexes: 'codex', indexes: 'index', latexes: 'latex', vertexes: 'vertex',
  vortexes: 'vortex', appendixes: 'appendix', radixes: 'radix', helixes: 'helix',
  buffalos: 'buffalo', dwarves: 'dwarf', hooves: 'hoof', formulae: 'formula',
};

// Suffix rules in priority order: [singular suffix, plural suffix].
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['tive', 'tives'], ['eaf', 'eaves'], ['oaf', 'oaves'], ['afe', 'aves'], ['arf', 'arves'],
  ['rfe', 'rves'], ['rf', 'rves'], ['lf', 'lves'], ['fe', 'ves'],
  ['ay', 'ays'], ['ey', 'eys'], ['oy', 'oys'], ['quy', 'quies'], ['uy', 'uys'], ['y', 'ies'],
  ['eau', 'eaux'],
  ['bula', 'bulae'], ['dula', 'bulae'], ['lula', 'bulae'], ['nula', 'bulae'], ['vula', 'bulae'],
  ['hedron', 'hedra'],
  ['ium', 'ia'], ['seum', 'seums'], ['eum', 'ea'], ['oum', 'oa'], ['stracum', 'straca'],
  ['dum', 'da'], ['elum', 'ela'], ['ilum', 'ila'], ['olum', 'ola'], ['ulum', 'ula'],
  ['llum', 'lla'], ['ylum', 'yla'], ['imum', 'ima'], ['ernum', 'erna'], ['gnum', 'gna'],
  ['brum', 'bra'], ['crum', 'cra'], ['terum', 'tera'], ['serum', 'sera'], ['trum', 'tra'],
  ['antum', 'anta'], ['atum', 'ata'], ['entum', 'enta'], ['etum', 'eta'], ['itum', 'ita'],
  ['otum', 'ota'], ['utum', 'uta'], ['ctum', 'cta'], ['ovum', 'ova'],
  ['trix', 'trices'],
  ['iasis', 'iases'], ['mesis', 'meses'], ['kinesis', 'kineses'], ['resis', 'reses'],
  ['gnosis', 'gnoses'], ['opsis', 'opses'], ['ysis', 'yses'],
  ['ouse', 'ouses'], ['lause', 'lauses'], ['us', 'uses'],
  ['ch', 'ches'], ['io', 'ios'], ['sh', 'shes'], ['ss', 'sses'], ['ez', 'ezzes'], ['iz', 'izzes'],
  ['tz', 'tzes'], ['zz', 'zzes'], ['ano', 'anos'], ['lo', 'los'], ['to', 'tos'], ['oo', 'oos'],
  ['o', 'oes'], ['x', 'xes'],
  ['S', 'Ses'],
];

// Words flect keeps whole when splitting a name (looked up upper-cased).
const ACRONYMS = new Set(
  ('OK UTF8 HTML JSON JWT ID UUID SQL ACK ACL ADSL AES ANSI API ARP ATM BGP BSS CCITT CHAP CIDR CIR ' +
    'CLI CPE CPU CRC CRT CSMA CMOS DCE DEC DES DHCP DNS DRAM DSL DSLAM DTE DMI EHA EIA EIGRP EOF ESS ' +
    'FCC FCS FDDI FTP GBIC gbps GEPOF HDLC HTTP HTTPS IANA ICMP IDF IDS IEEE IETF IMAP IP IPS ISDN ISP ' +
    'kbps LACP LAN LAPB LAPF LLC MAC Mbps MC MDF MIB MoCA MPLS MTU NAC NAT NBMA NIC NRZ NRZI NVRAM OSI ' +
    'OSPF OUI PAP PAT PC PIM PCM PDU POP3 POTS PPP PPTP PTT PVST RAM RARP RFC RIP RLL ROM RSTP RTP RCP ' +
    'SDLC SFD SFP SLARP SLIP SMTP SNA SNAP SNMP SOF SRAM SSH SSID STP SYN TDM TFTP TIA TOFU UDP URL ' +
    'URI USB UTP VC VLAN VLSM VPN W3C WAN WEP WiFi WPA WWW').split(' '),
);

interface Rule {
  readonly suffix: string;
  readonly plural: (word: string) => string;
}

const singleToPlural = new Map<string, string>();
const pluralToSingle = new Set<string>(Object.keys(ALTERNATIVES));
let rules: Rule[] = [];

// flect prepends each rule, and with it a "this is already plural" rule.
function insertRule(singular: string, plural: string): void {
  rules = [
    { suffix: plural, plural: (w) => w },
    { suffix: singular, plural: (w) => w.slice(0, w.length - singular.length) + plural },
    ...rules,
  ];
}

for (const [singular, plural, flags = ''] of DICTIONARY) {
  singleToPlural.set(singular, plural);
  if (!flags.includes('u')) pluralToSingle.add(plural);
}
for (let i = SUFFIXES.length - 1; i >= 0; i--) insertRule(...SUFFIXES[i]!);
for (const [singular, plural, flags = ''] of DICTIONARY) {
  if (!flags.includes('x')) insertRule(singular, plural);
}

const SPACES = ['_', ' ', ':', '-', '/'];
const isSpace = (c: string) => SPACES.includes(c) || /\s/.test(c);
const isUpper = (c: string) => /\p{Lu}/u.test(c);
const isWordChar = (c: string) => /[\p{L}\p{Nd}\p{P}`]/u.test(c);

function pushPart(parts: string[], raw: string): void {
  let s = raw.trim();
  for (const sp of SPACES) s = trimChar(s, sp);
  if (ACRONYMS.has(s.toUpperCase())) s = s.toUpperCase();
  if (s !== '') parts.push(s);
}

function trimChar(s: string, c: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === c) a++;
  while (b > a && s[b - 1] === c) b--;
  return s.slice(a, b);
}

/** flect's word split: a new word at a space, at lower→Upper, and after a known acronym. */
function lastPart(input: string): string {
  const s = input.trim();
  if (s === '') return '';
  if (ACRONYMS.has(s.toUpperCase())) return s.toUpperCase();
  const parts: string[] = [];
  let prev = '';
  let word = '';
  for (const c of s) {
    if (isSpace(c) || (isUpper(c) && (!isUpper(prev) || ACRONYMS.has(word.toUpperCase())))) {
      pushPart(parts, word);
      word = c;
    } else if (isWordChar(c)) {
      word += c;
    } else {
      pushPart(parts, word);
      word = '';
    }
    prev = c;
  }
  pushPart(parts, word);
  return parts[parts.length - 1] ?? '';
}

const capitalize = (s: string) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));

export function pluralize(original: string): string {
  const last = lastPart(original);
  if (last === '') return '';
  const withSuffix = (suffix: string, replacement: string) =>
    (original.endsWith(suffix) ? original.slice(0, original.length - suffix.length) : original) +
    replacement;

  const whole = singleToPlural.get(original);
  if (whole !== undefined) return whole;
  if (pluralToSingle.has(original)) return original;
  const lower = last.toLowerCase();
  if (pluralToSingle.has(lower)) return original;
  const irregular = singleToPlural.get(lower);
  if (irregular !== undefined) {
    return withSuffix(last, last === capitalize(last) ? capitalize(irregular) : irregular);
  }
  for (const rule of rules) {
    if (last.endsWith(rule.suffix)) return withSuffix(last, rule.plural(last));
  }
  return lower.endsWith('s') ? original : original + 's';
}
