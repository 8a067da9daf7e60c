/**
 * The words the matcher knows: legal forms, generic words of organisation names (in English,
 * German, pinyin and Chinese characters), older romanisations of Chinese place names and the
 * department markers. Pure data; the normaliser reads it.
 */

/** How much a word tells about which body a name means. */
export type WordClass = 'legal' | 'stop' | 'orgtype' | 'descriptor' | 'department' | 'number'

/** A generic word: the concept it stands for and its class. */
export interface GenericWord {
  concept: string
  wordClass: WordClass
}

/** The weight of a token of each class in the score; distinctive name words weigh 1. */
export const classWeights: Record<WordClass | 'name', number> = {
  name: 1,
  descriptor: 0.7,
  orgtype: 0.35,
  department: 0.35,
  // A number ("No. 123", "14th") counts only when both names have one (see the matcher).
  number: 1,
  legal: 0,
  stop: 0,
}

/** Words that announce a number ("No. 123", "Nr. 5"): dropped when a number follows. */
export const numberMarkers: ReadonlySet<string> = new Set(['no', 'nr', 'nos', 'num', 'number', 'nummer'])

const legal = [
  'co',
  'company',
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'corp',
  'llc',
  'gmbh',
  'aktiengesellschaft',
  'mbh',
  'ag',
  'kg',
  'plc',
  'oao',
  'ooo',
  'zao',
  'pao',
  'ao',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'bv',
  'nv',
  'srl',
  'spa',
  'pte',
  'pvt',
  'sdn',
  'bhd',
  'lp',
  'llp',
  'youxian',
  'gongsi',
  'youxiangongsi',
]
const stop = [
  'of',
  'the',
  'and',
  'for',
  'in',
  'at',
  'der',
  'die',
  'das',
  'des',
  'und',
  'fur',
  'de',
  'la',
  'du',
  'a',
]

/** Concept words in English, German and pinyin, each with its class. */
const concepts: Record<string, { wordClass: WordClass; words: string[] }> = {
  university: {
    wordClass: 'orgtype',
    words: ['university', 'universitat', 'universite', 'universidad', 'daxue', 'univ'],
  },
  institute: { wordClass: 'orgtype', words: ['institute', 'institut', 'institution', 'yanjiusuo', 'inst'] },
  academy: { wordClass: 'orgtype', words: ['academy', 'akademie', 'academia', 'kexueyuan'] },
  college: { wordClass: 'orgtype', words: ['college', 'xueyuan', 'hochschule'] },
  corporation: {
    wordClass: 'orgtype',
    words: ['corporation', 'group', 'holding', 'holdings', 'jituan', 'konzern'],
  },
  research: { wordClass: 'orgtype', words: ['research', 'forschung', 'yanjiu'] },
  technology: {
    wordClass: 'descriptor',
    words: [
      'technology',
      'technologies',
      'technological',
      'tech',
      'technik',
      'technische',
      'technischen',
      'keji',
      'jishu',
    ],
  },
  polytechnic: {
    wordClass: 'descriptor',
    words: ['polytechnic', 'polytechnical', 'gongye', 'industrial', 'industry', 'industries'],
  },
  science: {
    wordClass: 'descriptor',
    words: ['science', 'sciences', 'scientific', 'wissenschaften', 'kexue'],
  },
  engineering: { wordClass: 'descriptor', words: ['engineering', 'gongcheng'] },
  // 理工 ("science and engineering") is how 北京理工大学 differs from 北京工业大学; neither is plain "technology".
  ligong: { wordClass: 'descriptor', words: ['ligong'] },
  aeronautics: { wordClass: 'descriptor', words: ['aeronautics', 'aeronautical', 'aviation', 'hangkong'] },
  astronautics: { wordClass: 'descriptor', words: ['astronautics', 'astronautical', 'space', 'hangtian'] },
  aerospace: { wordClass: 'descriptor', words: ['aerospace'] },
  defense: { wordClass: 'descriptor', words: ['defense', 'defence', 'guofang'] },
  national: { wordClass: 'descriptor', words: ['national', 'guojia'] },
  electronic: { wordClass: 'descriptor', words: ['electronic', 'electronics', 'dianzi'] },
  physics: { wordClass: 'descriptor', words: ['physics', 'wuli'] },
  nuclear: { wordClass: 'descriptor', words: ['nuclear'] },
  medical: { wordClass: 'descriptor', words: ['medical', 'medicine', 'yixue', 'yike'] },
  military: { wordClass: 'descriptor', words: ['military', 'junshi'] },
  normal: { wordClass: 'descriptor', words: ['normal', 'shifan'] },
  agricultural: { wordClass: 'descriptor', words: ['agricultural', 'agriculture', 'nongye'] },
  ocean: { wordClass: 'descriptor', words: ['ocean', 'oceanography', 'marine', 'haiyang'] },
  information: { wordClass: 'descriptor', words: ['information', 'xinxi'] },
  communication: {
    wordClass: 'descriptor',
    words: ['communication', 'communications', 'telecommunications', 'tongxin'],
  },
  china: { wordClass: 'descriptor', words: ['china', 'chinese', 'zhongguo', 'prc'] },
  people: { wordClass: 'descriptor', words: ['people', 'peoples', 'renmin'] },
  liberation: { wordClass: 'descriptor', words: ['liberation', 'jiefang'] },
  army: { wordClass: 'descriptor', words: ['army', 'jun'] },
  shipbuilding: { wordClass: 'descriptor', words: ['shipbuilding', 'ship', 'chuanbo'] },
  materials: { wordClass: 'descriptor', words: ['materials', 'material', 'cailiao'] },
  chemical: { wordClass: 'descriptor', words: ['chemical', 'chemistry', 'huagong'] },
  energy: { wordClass: 'descriptor', words: ['energy', 'nengyuan'] },
  northwest: { wordClass: 'descriptor', words: ['northwest', 'northwestern', 'xibei'] },
  northeast: { wordClass: 'descriptor', words: ['northeast', 'northeastern', 'dongbei'] },
  southwest: { wordClass: 'descriptor', words: ['southwest', 'southwestern', 'xinan'] },
  southeast: { wordClass: 'descriptor', words: ['southeast', 'southeastern', 'dongnan'] },
  north: { wordClass: 'descriptor', words: ['north', 'northern'] },
  south: { wordClass: 'descriptor', words: ['south', 'southern'] },
  east: { wordClass: 'descriptor', words: ['east', 'eastern'] },
  west: { wordClass: 'descriptor', words: ['west', 'western'] },
  central: { wordClass: 'descriptor', words: ['central'] },
  key: { wordClass: 'descriptor', words: ['key', 'zhongdian'] },
  state: { wordClass: 'descriptor', words: ['state'] },
  posts: { wordClass: 'descriptor', words: ['posts', 'post', 'youdian'] },
  geosciences: {
    wordClass: 'descriptor',
    words: ['geosciences', 'geoscience', 'geology', 'geological', 'dizhi'],
  },
  school: { wordClass: 'department', words: ['school', 'faculty', 'fakultat'] },
  department: { wordClass: 'department', words: ['department', 'dept', 'division', 'abteilung'] },
  branch: { wordClass: 'department', words: ['branch', 'subsidiary', 'office', 'representative'] },
  laboratory: {
    wordClass: 'department',
    words: ['laboratory', 'laboratories', 'lab', 'labs', 'labor', 'shiyanshi'],
  },
  center: { wordClass: 'department', words: ['center', 'centre', 'zentrum', 'zhongxin'] },
}

/** Chinese morphemes of organisation names, longest first when segmenting. */
const chineseWords: Record<string, string | null> = {
  股份有限公司: null,
  有限责任公司: null,
  有限公司: null,
  公司: null,
  集团: 'corporation',
  大学: 'university',
  学院: 'college',
  研究所: 'institute',
  研究院: 'institute',
  科学院: 'academy',
  研究中心: 'center',
  中心: 'center',
  重点实验室: 'laboratory',
  实验室: 'laboratory',
  工业: 'polytechnic',
  理工: 'ligong',
  科技: 'technology',
  技术: 'technology',
  科学: 'science',
  工程: 'engineering',
  航空: 'aeronautics',
  航天: 'astronautics',
  国防: 'defense',
  国家: 'national',
  电子: 'electronic',
  物理: 'physics',
  核: 'nuclear',
  医学: 'medical',
  医科: 'medical',
  军事: 'military',
  师范: 'normal',
  农业: 'agricultural',
  海洋: 'ocean',
  信息: 'information',
  通信: 'communication',
  中国: 'china',
  人民: 'people',
  解放军: 'liberation',
  船舶: 'shipbuilding',
  材料: 'materials',
  化工: 'chemical',
  能源: 'energy',
  西北: 'northwest',
  东北: 'northeast',
  西南: 'southwest',
  东南: 'southeast',
  邮电: 'posts',
  地质: 'geosciences',
  系: 'department',
}

/** Older romanisations (postal, Wade-Giles) of Chinese place and university names, mapped to pinyin. */
export const oldRomanisations: Record<string, string> = {
  peking: 'beijing',
  peiping: 'beiping',
  tsinghua: 'qinghua',
  nanking: 'nanjing',
  canton: 'guangzhou',
  amoy: 'xiamen',
  tientsin: 'tianjin',
  chungking: 'chongqing',
  szechwan: 'sichuan',
  szechuan: 'sichuan',
  sian: 'xian',
  hsian: 'xian',
  harbin: 'haerbin',
  kwangtung: 'guangdong',
  fukien: 'fujian',
  chekiang: 'zhejiang',
  kiangsu: 'jiangsu',
  hupeh: 'hubei',
  hopeh: 'hebei',
  hopei: 'hebei',
  honan: 'henan',
  shantung: 'shandong',
  shansi: 'shanxi',
  shensi: 'shaanxi',
  mukden: 'shenyang',
  dairen: 'dalian',
  tsingtao: 'qingdao',
  tsingtau: 'qingdao',
  soochow: 'suzhou',
  hangchow: 'hangzhou',
  foochow: 'fuzhou',
  kweichow: 'guizhou',
  lanchow: 'lanzhou',
  kirin: 'jilin',
  kiangsi: 'jiangxi',
  anhwei: 'anhui',
  kwangsi: 'guangxi',
  sinkiang: 'xinjiang',
  yenching: 'yanjing',
  chiaotung: 'jiaotong',
  chiao: 'jiao',
  tung: 'tong',
  chengtu: 'chengdu',
  wuchang: 'wuchang',
  hankow: 'hankou',
  kunming: 'kunming',
  tsinan: 'jinan',
  chinan: 'jinan',
  taiyuan: 'taiyuan',
  shenzhen: 'shenzhen',
}

const wordIndex = new Map<string, GenericWord>()
for (const word of legal) wordIndex.set(word, { concept: 'legal', wordClass: 'legal' })
for (const word of stop) wordIndex.set(word, { concept: 'stop', wordClass: 'stop' })
for (const [concept, { wordClass, words }] of Object.entries(concepts)) {
  for (const word of words) wordIndex.set(word, { concept, wordClass })
}

/** The generic meaning of a (normalised, latin) word, if it has one. */
export function genericWord(word: string): GenericWord | undefined {
  return wordIndex.get(word)
}

/** Every generic word with its meaning (for typo-tolerant lookup). */
export function genericWords(): IterableIterator<[string, GenericWord]> {
  return wordIndex.entries()
}

/** Chinese morphemes by length, longest first, for greedy segmentation. */
export const chineseMorphemes: readonly { text: string; concept: string | null; wordClass: WordClass }[] =
  Object.entries(chineseWords)
    .map(([text, concept]) => ({
      text,
      concept,
      wordClass: concept === null ? ('legal' as const) : (concepts[concept]?.wordClass ?? 'descriptor'),
    }))
    .sort((a, b) => b.text.length - a.text.length)
