/**
 * Builds data/demo/collaborations.json, the demo institution's collaborations, from the CORDIS
 * extract in ../shared/data (EU projects with Chinese partners, CC BY 4.0). Run by developers when
 * the selection changes: `npx tsx scripts/build-demo-data.ts`. The product reads only the output.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseCsvRecords } from '../src/shared/csv.js'

const source = new URL('../../shared/data/cordis-projects-with-chinese-partners/', import.meta.url)
const projects = parseCsvRecords(readFileSync(new URL('projects.csv', source), 'utf8'))
const organisations = parseCsvRecords(readFileSync(new URL('organizations.csv', source), 'utf8'))

type Stage =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'approved'
  | 'approved_with_conditions'
  | 'declined'
  | 'active'
  | 'ended'
  | 'withdrawn'
  | 'amendment_draft'

interface Curated {
  acronym: string
  stage: Stage
  pi: string
  unit: string
  areas: string[]
  trl: number
  activities: string[]
  data: string[]
  /** Questionnaire answers other than "yes", with the researcher's explanation. */
  answers?: Record<string, ['no' | 'unknown', string]>
  decision?: { reasons: string; conditions?: string[] }
  /** Days before today the case was created. */
  age: number
}

// The selection: every stage of the process, every department, sensitive and plainly civil work.
const curated: Curated[] = [
  { acronym: 'MONUGEO', stage: 'draft', pi: 'researcher', unit: 'GEO.1', areas: ['343-01', '451-06'], trl: 3, activities: ['jointResearch', 'jointPublications', 'mobility'], data: ['geodata'], age: 2 },
  { acronym: 'C-BLUES', stage: 'draft', pi: 'researcher', unit: 'GEO.2', areas: ['341-02', '212-02'], trl: 2, activities: ['jointResearch', 'sampleTransfer', 'jointPublications'], data: ['environmental_data', 'biological_samples'], age: 6 },
  { acronym: 'ULTRACEPT', stage: 'draft', pi: 'a.nowak', unit: 'DIG', areas: ['443-04', '441-01'], trl: 4, activities: ['jointResearch', 'mobility', 'jointPublications'], data: ['technical_data', 'software_source_code'], age: 4 },
  { acronym: 'DORNA', stage: 'submitted', pi: 'j.fischer', unit: 'MAT', areas: ['442-03', '412-01'], trl: 5, activities: ['jointResearch', 'mobility', 'equipmentDelivery', 'ipLicensing'], data: ['technical_data'], answers: { basic_research: ['no', 'Prototype motor drives are tested jointly; design documents are shared within the consortium.'] }, age: 3 },
  { acronym: 'SEEDS', stage: 'submitted', pi: 'a.nowak', unit: 'DIG', areas: ['443-03', '442-02'], trl: 4, activities: ['jointResearch', 'dataSharing', 'mobility', 'jointPublications'], data: ['technical_data', 'personal_data'], age: 2 },
  { acronym: 'TClock4AD', stage: 'submitted', pi: 'm.yilmaz', unit: 'LIFE', areas: ['222-24', '223-01'], trl: 2, activities: ['jointResearch', 'dataSharing', 'visitingResearchers', 'jointPublications'], data: ['personal_data', 'human_subjects', 'biological_samples'], answers: { no_personal_data_transfer: ['unknown', 'Pseudonymised clinical data may be analysed jointly; the data protection office is asked to advise.'] }, age: 1 },
  { acronym: 'PolarRES', stage: 'in_review', pi: 'researcher', unit: 'GEO.2', areas: ['341-01', '345-01'], trl: 2, activities: ['jointResearch', 'dataSharing', 'jointPublications', 'mobility'], data: ['environmental_data'], age: 5 },
  { acronym: 'ECC-SMART', stage: 'in_review', pi: 'j.fischer', unit: 'MAT.1', areas: ['422-01', '324-01'], trl: 4, activities: ['jointResearch', 'dataSharing', 'jointPublications'], data: ['technical_data'], answers: { civil_end_use: ['unknown', 'The partner also works for the national nuclear programme; our part is thermal-hydraulics of civil small modular reactors.'] }, age: 6 },
  { acronym: 'EVA-GLOBAL', stage: 'in_review', pi: 'm.yilmaz', unit: 'LIFE', areas: ['221-04'], trl: 3, activities: ['jointResearch', 'sampleTransfer', 'infrastructureAccess', 'jointPublications'], data: ['biological_samples'], age: 4 },
  { acronym: 'IDENTITY', stage: 'in_review', pi: 'a.nowak', unit: 'DIG', areas: ['443-05', '443-04'], trl: 5, activities: ['jointResearch', 'dataSharing', 'mobility', 'jointPublications'], data: ['personal_data', 'technical_data'], answers: { no_security_end_user: ['unknown', 'Forensic methods could be used by police authorities; the partner institute has public-security projects.'] }, age: 20 },
  { acronym: 'GRID', stage: 'approved', pi: 'researcher', unit: 'GEO.1', areas: ['451-06', '343-01'], trl: 3, activities: ['jointResearch', 'mobility', 'jointPublications'], data: ['geodata'], decision: { reasons: 'Civil geotechnical research at low TRL with open publication; no concerns raised by the offices.' }, age: 30 },
  { acronym: 'LACEGAL', stage: 'approved', pi: 's.keller', unit: 'GEO.2', areas: ['325-01'], trl: 1, activities: ['jointResearch', 'mobility', 'jointPublications'], data: ['public_data'], decision: { reasons: 'Basic research in astrophysics; exempt under the General Technology Note.' }, age: 40 },
  { acronym: 'IC2PerMed', stage: 'approved_with_conditions', pi: 'm.yilmaz', unit: 'LIFE', areas: ['222-03', '222-07'], trl: 3, activities: ['jointResearch', 'dataSharing', 'jointPublications', 'contractOrMou'], data: ['personal_data', 'human_genetic_resources'], decision: { reasons: 'Valuable for personalised medicine; human genetic resources need safeguards on both sides.', conditions: ['No transfer of identifiable genomic data; only aggregated results leave the institute', 'Approval under the Chinese Human Genetic Resources rules obtained by the partner before data exchange', 'Data processing agreement signed with the data protection office'] }, age: 55 },
  { acronym: 'SMOOTH', stage: 'approved_with_conditions', pi: 'a.nowak', unit: 'DIG', areas: ['441-01', '443-04'], trl: 5, activities: ['jointResearch', 'mobility', 'equipmentDelivery'], data: ['technical_data'], decision: { reasons: 'Fire-fighting robots serve civil protection; control software is close to dual-use autonomy.', conditions: ['Technology control plan for the navigation software', 'Export control check before shipping the robot platform'] }, age: 60 },
  { acronym: 'Blue-Action', stage: 'active', pi: 'researcher', unit: 'GEO.2', areas: ['341-01', '341-02'], trl: 2, activities: ['jointResearch', 'dataSharing', 'jointPublications'], data: ['environmental_data'], decision: { reasons: 'Climate research with open data; low risk.' }, age: 200 },
  { acronym: 'UPGRADE', stage: 'active', pi: 'researcher', unit: 'GEO.1', areas: ['343-02', '451-04'], trl: 4, activities: ['jointResearch', 'mobility', 'dataSharing', 'jointPublications'], data: ['geodata', 'technical_data'], decision: { reasons: 'Civil infrastructure monitoring; sensors are commercially available.' }, age: 150 },
  { acronym: 'HySEA', stage: 'active', pi: 'j.fischer', unit: 'MAT.1', areas: ['422-01', '422-03'], trl: 4, activities: ['jointResearch', 'jointPublications', 'mobility'], data: ['technical_data'], decision: { reasons: 'Hydrogen safety research with open publication.' }, age: 300 },
  { acronym: 'RDC2MT', stage: 'active', pi: 'j.fischer', unit: 'MAT', areas: ['442-03'], trl: 6, activities: ['jointResearch', 'mobility', 'ipLicensing'], data: ['technical_data'], decision: { reasons: 'DC microgrid demonstration; IP rules agreed in the consortium agreement.' }, age: 250 },
  { acronym: 'MUSICSTREAM', stage: 'active', pi: 's.keller', unit: 'DIG', areas: ['113-02', '113-03'], trl: 1, activities: ['jointResearch', 'jointPublications', 'visitingResearchers'], data: ['personal_data'], decision: { reasons: 'Humanities research; interview data handled under the institute’s data policy.' }, age: 180 },
  { acronym: 'CUPOLA', stage: 'active', pi: 'j.fischer', unit: 'MAT', areas: ['421-02', '316-03'], trl: 4, activities: ['jointResearch', 'sampleTransfer', 'mobility'], data: ['environmental_data'], decision: { reasons: 'Plastic recycling research; samples are marine litter.' }, age: 120 },
  { acronym: 'ComBioTES', stage: 'amendment_draft', pi: 'j.fischer', unit: 'MAT.1', areas: ['422-02', '431-06'], trl: 5, activities: ['jointResearch', 'mobility', 'jointPublications'], data: ['technical_data'], decision: { reasons: 'Thermal energy storage for buildings; civil.' }, age: 210 },
  { acronym: 'LEON-T', stage: 'ended', pi: 'j.fischer', unit: 'MAT', areas: ['412-04', '441-04'], trl: 6, activities: ['jointResearch', 'dataSharing', 'equipmentDelivery'], data: ['technical_data'], decision: { reasons: 'Tyre noise and particle emissions; industrial partner, civil market.' }, age: 900 },
  { acronym: 'IoRL', stage: 'ended', pi: 'a.nowak', unit: 'DIG', areas: ['442-02'], trl: 5, activities: ['jointResearch', 'jointPublications', 'mobility'], data: ['technical_data'], decision: { reasons: 'Indoor radio-light networks for buildings.' }, age: 1200 },
  { acronym: 'STEP2DYNA', stage: 'declined', pi: 'a.nowak', unit: 'DIG', areas: ['443-04', '441-01'], trl: 6, activities: ['jointResearch', 'mobility', 'equipmentDelivery', 'ipLicensing'], data: ['technical_data', 'software_source_code'], answers: { no_security_end_user: ['unknown', 'One partner laboratory also develops collision avoidance for unmanned aerial vehicles.'] }, decision: { reasons: 'Real-time collision avoidance at TRL 6 with transfer of source code to a laboratory with UAV programmes: the risk of military end use cannot be reduced to an acceptable level. A narrower, publication-only collaboration at lower TRL is welcome.' }, age: 80 },
  { acronym: 'ENSURED', stage: 'withdrawn', pi: 's.keller', unit: 'DIG', areas: ['123-04'], trl: 1, activities: ['jointResearch', 'jointPublications'], data: [], age: 25 },
]

const chineseNames: Record<string, string> = {
  'TSINGHUA UNIVERSITY': '清华大学',
  'BEIHANG UNIVERSITY': '北京航空航天大学',
  'HARBIN INSTITUTE OF TECHNOLOGY': '哈尔滨工业大学',
  'ZHEJIANG UNIVERSITY': '浙江大学',
  'SHANGHAI JIAO TONG UNIVERSITY': '上海交通大学',
  'UNIVERSITY OF SCIENCE AND TECHNOLOGY OF CHINA': '中国科学技术大学',
  'WUHAN INSTITUTE OF VIROLOGY, CHINESE ACADEMY OF SCIENCES': '中国科学院武汉病毒研究所',
  'INSTITUTE OF AUTOMATION CHINESE ACADEMY OF SCIENCES': '中国科学院自动化研究所',
  "XI'AN JIAOTONG UNIVERSITY": '西安交通大学',
  'CHINA UNIVERSITY OF GEOSCIENCES (WUHAN)': '中国地质大学（武汉）',
  'INSTITUTE OF ATMOSPHERIC PHYSICS OFCHINESE ACADEMY OF SCIENCES': '中国科学院大气物理研究所',
  'PEKING UNIVERSITY': '北京大学',
  'NANJING UNIVERSITY': '南京大学',
  'TIANJIN UNIVERSITY': '天津大学',
  'HONG KONG POLYTECHNIC UNIVERSITY': '香港理工大学',
  'NATIONAL ASTRONOMICAL OBSERVATORIES, CAS': '中国科学院国家天文台',
  'CAPITAL MEDICAL UNIVERSITY': '首都医科大学',
  'NUCLEAR POWER INSTITUTE OF CHINA': '中国核动力研究设计院',
  'XIAMEN UNIVERSITY': '厦门大学',
  'HUAZHONG UNIVERSITY OF SCIENCE AND TECHNOLOGY': '华中科技大学',
  'SOUTH CHINA UNIVERSITY OF TECHNOLOGY': '华南理工大学',
  'SHANDONG LINGLONG TIRE CO LTD': '山东玲珑轮胎股份有限公司',
  'SHANGHAI UNIVERSITY': '上海大学',
  'HEFEI UNIVERSITY OF TECHNOLOGY': '合肥工业大学',
  'INSTITUTE OF ELECTRICAL ENGINEERING CHINESE ACADEMY OF SCIENCES': '中国科学院电工研究所',
  'JINAN UNIVERSITY': '暨南大学',
  'UNIVERSITY OF INTERNATIONAL BUSINESS AND ECONOMICS': '对外经济贸易大学',
  'SOUTH CHINA BOTANICAL GARDEN, CHINESE ACADEMY OF SCIENCES': '中国科学院华南植物园',
  'EAST CHINA NORMAL UNIVERSITY': '华东师范大学',
  'FUDAN UNIVERSITY': '复旦大学',
  'CANCER HOSPITAL OF CHINESE ACADEMYOF MEDICAL SCIENCES': '中国医学科学院肿瘤医院',
  'BGI SHENZHEN LIFE SCIENCE RESEARCH INSTITUTE': '深圳华大生命科学研究院',
  'BEIJING LEADPCOM TECHNOLOGY CO LTD': '北京联发科通信技术有限公司',
  'THE UNIVERSITY OF NOTTINGHAM NINGBO': '宁波诺丁汉大学',
}

const kinds: Record<string, string> = {
  HES: 'university',
  REC: 'research_institute',
  PRC: 'company',
  PUB: 'government_body',
  OTH: 'other',
}

/** CORDIS writes names in capitals; institutions write them in title case. */
function titleCase(name: string): string {
  const small = new Set(['of', 'and', 'for', 'the', 'in', 'de', 'des', 'la'])
  const acronyms = new Set(['bgi', 'ivl', 'cas'])
  return name
    // Typos in the CORDIS source.
    .replace(/OFCHINESE/i, 'OF CHINESE')
    .replace(/ACADEMYOF/i, 'ACADEMY OF')
    .toLowerCase()
    .split(/\s+/)
    .map((word, index) => {
      if (acronyms.has(word.replace(/[^a-z]/g, ''))) return word.toUpperCase()
      if (index > 0 && small.has(word)) return word
      return word.replace(/^(\(?)(\p{L})/u, (_all, bracket: string, char: string) => bracket + char.toUpperCase())
    })
    .join(' ')
    .replace(/\bCo Ltd\b/i, 'Co., Ltd.')
    .replace(/Co\.,ltd/i, 'Co., Ltd.')
}

const output = curated.map((entry) => {
  const project = projects.find((candidate) => candidate.acronym === entry.acronym)
  if (!project) throw new Error(`No CORDIS project ${entry.acronym}`)
  const partners = organisations
    .filter((org) => org.project_id === project.project_id && org.is_chinese === '1')
    .slice(0, 3)
    .map((org) => {
      const upper = (org.org_name ?? '').toUpperCase().trim()
      return {
        nameOriginal: chineseNames[upper] ?? '',
        nameEnglish: titleCase(org.org_name ?? ''),
        country: org.country === 'CN' || org.country === 'HK' ? org.country : 'CN',
        kind: kinds[org.org_type ?? ''] ?? 'other',
        city: titleCase(org.city ?? ''),
      }
    })
  const objective = (project.objective ?? '').replace(/\s+/g, ' ').trim()
  const firstSentence = objective.split(/(?<=\.)\s/)[0] ?? objective
  return {
    ...entry,
    cordisId: project.project_id,
    title: project.title,
    summary: firstSentence.length > 40 ? firstSentence : objective.slice(0, 300),
    objective,
    keywords: (project.keywords ?? '')
      .split(/[,;]/)
      .map((keyword) => keyword.trim())
      .filter((keyword) => keyword.length > 1 && keyword.length <= 60)
      .slice(0, 6),
    programme: project.programme,
    call: project.call,
    ecContribution: Number(project.ec_contribution) || null,
    totalCost: Number(project.total_cost) || null,
    durationMonths: Number(project.duration_months) || 36,
    partners,
  }
})

const target = new URL('../data/demo/collaborations.json', import.meta.url)
writeFileSync(target, `${JSON.stringify(output, null, 2)}\n`)
process.stdout.write(`wrote ${output.length} collaborations to ${target.pathname}\n`)
