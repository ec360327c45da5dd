/**
 * Synthetic TikTok analytics sample for TikFit.
 *
 * Writes `samples/tiktok-sample.csv`: about 200 hand-logged videos with the same
 * 21 columns, in the same order, as the raw 2022 export that TikFit is built for,
 * and with the same kinds of mess (stray spaces, case variants, a typo, rare
 * labels, placeholder zeros, mostly empty demographic columns, free-text titles).
 *
 * The numbers are drawn from a known model (`TRUE_MODEL`, below) so that tests can
 * check that the cleaning + regression pipeline recovers it. Nothing in the file
 * comes from real data.
 *
 * Deterministic: a mulberry32 PRNG seeded with a constant (default 20221) plus
 * Box–Muller normals. Same seed and row count, same bytes.
 *
 * Regenerate with:  npx tsx samples/generate.ts
 * See samples/README.md for the model and the list of mess.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Random } from './random';

export const DEFAULT_SEED = 20221;
export const DEFAULT_ROWS = 200;
/** Below this the fixed mess (rare levels, special titles) would swamp the sample. */
export const MIN_ROWS = 80;

/** The raw export's header, in its exact order. */
export const COLUMNS = [
  'name',
  'views',
  'likes',
  'comments',
  'shares',
  'bookmarks',
  'watchedFullVideo',
  'newFollowers',
  'length',
  'category',
  'subject',
  'hasCover',
  'hasDescription',
  'reply',
  'male',
  'female',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55+',
] as const;
export type Column = (typeof COLUMNS)[number];

// ---------------------------------------------------------------------------
// The true model
// ---------------------------------------------------------------------------

/** Raw numeric columns a numeric effect can refer to. */
export type NumericColumn =
  | 'views'
  | 'likes'
  | 'comments'
  | 'shares'
  | 'bookmarks'
  | 'watchedFullVideo'
  | 'length'
  | 'hasCover'
  | 'hasDescription'
  | 'reply';

/**
 * Effect of a numeric column: log1p(newFollowers) rises by `perUnit` for each
 * unit of `transform(column)`, where the column is the RAW column as written in
 * the CSV (for watchedFullVideo: the true value, before placeholder zeros).
 * A pipeline that z-scores the transformed predictor should estimate
 * `perUnit * sd(transform(column))` (sd over the rows it fits, after imputation).
 */
export interface NumericEffect {
  readonly kind: 'numeric';
  readonly column: NumericColumn;
  readonly transform: 'log1p' | 'identity';
  /** true when the column is 0/1 (a pipeline should neither log nor z-score it) */
  readonly binary: boolean;
  readonly perUnit: number;
}

/** Effect of one level of a categorical column, relative to the reference level. */
export interface LevelEffect {
  readonly kind: 'level';
  readonly column: 'category' | 'subject';
  readonly level: string;
  readonly transform: 'indicator';
  readonly perUnit: number;
}

export type Effect = NumericEffect | LevelEffect;

export interface TrueModel {
  /** The response: log1p(newFollowers). */
  readonly target: { readonly column: 'newFollowers'; readonly transform: 'log1p' };
  /**
   * Intercept on the raw-predictor scale: the value of log1p(newFollowers) when
   * every transformed numeric predictor is 0 and category/subject are at their
   * reference levels. Not directly comparable with the intercept of a
   * z-scored fit.
   */
  readonly intercept: number;
  /** sd of the Normal noise added on the log1p scale. */
  readonly noiseSd: number;
  /** Reference levels: the first kept level in code-point order, as the recipe picks them. */
  readonly references: { readonly category: string; readonly subject: string };
  /** Keyed the way the pipeline is expected to name coefficients (`category_info`, ...). */
  readonly effects: Readonly<Record<string, Effect>>;
}

/**
 * The model the sample is drawn from. Nonzero: likes (log1p), watchedFullVideo
 * (per percentage point), hasCover, category info / tech (vs humor), subject
 * data analytics (vs career); every other effect is exactly 0.
 * The recipe's mode imputation of the 6 % placeholder zeros in newFollowers
 * attenuates fitted slopes by roughly 7 %; see samples/README.md for how wide an
 * interval a recovery test should use.
 */
export const TRUE_MODEL: TrueModel = {
  target: { column: 'newFollowers', transform: 'log1p' },
  intercept: 0.1,
  noiseSd: 0.5,
  references: { category: 'humor', subject: 'career' },
  effects: {
    views: { kind: 'numeric', column: 'views', transform: 'log1p', binary: false, perUnit: 0 },
    likes: { kind: 'numeric', column: 'likes', transform: 'log1p', binary: false, perUnit: 0.6 },
    comments: { kind: 'numeric', column: 'comments', transform: 'log1p', binary: false, perUnit: 0 },
    shares: { kind: 'numeric', column: 'shares', transform: 'log1p', binary: false, perUnit: 0 },
    bookmarks: { kind: 'numeric', column: 'bookmarks', transform: 'log1p', binary: false, perUnit: 0 },
    // 0.025 per percentage point = 0.25 per 10 points
    watchedFullVideo: {
      kind: 'numeric',
      column: 'watchedFullVideo',
      transform: 'identity',
      binary: false,
      perUnit: 0.025,
    },
    length: { kind: 'numeric', column: 'length', transform: 'log1p', binary: false, perUnit: 0 },
    hasCover: { kind: 'numeric', column: 'hasCover', transform: 'identity', binary: true, perUnit: 0.45 },
    hasDescription: {
      kind: 'numeric',
      column: 'hasDescription',
      transform: 'identity',
      binary: true,
      perUnit: 0,
    },
    reply: { kind: 'numeric', column: 'reply', transform: 'identity', binary: true, perUnit: 0 },
    category_info: { kind: 'level', column: 'category', level: 'info', transform: 'indicator', perUnit: 0.6 },
    category_opinion: { kind: 'level', column: 'category', level: 'opinion', transform: 'indicator', perUnit: 0 },
    category_tech: { kind: 'level', column: 'category', level: 'tech', transform: 'indicator', perUnit: -0.7 },
    'subject_cyber security': {
      kind: 'level',
      column: 'subject',
      level: 'cyber security',
      transform: 'indicator',
      perUnit: 0,
    },
    'subject_data analytics': {
      kind: 'level',
      column: 'subject',
      level: 'data analytics',
      transform: 'indicator',
      perUnit: 0.65,
    },
    subject_devops: { kind: 'level', column: 'subject', level: 'devops', transform: 'indicator', perUnit: 0 },
    subject_software: { kind: 'level', column: 'subject', level: 'software', transform: 'indicator', perUnit: 0 },
  },
};

// ---------------------------------------------------------------------------
// Vocabularies and mess, fixed counts (for the default 200 rows)
// ---------------------------------------------------------------------------

/** Common levels and their shares of the rows left after the fixed rare rows. */
const CATEGORY_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['humor', 0.4],
  ['info', 0.3],
  ['opinion', 0.15],
  ['tech', 0.15],
];
const SUBJECT_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['software', 0.34],
  ['career', 0.24],
  ['data analytics', 0.2],
  ['cyber security', 0.12],
  ['devops', 0.1],
];

/** A written label and the level it really is (what the model uses). */
interface Label {
  readonly canonical: string;
  readonly written: string;
}

/** Rare levels (count <= 5, dropped by the recipe) and typos, fixed counts. */
const CATEGORY_RARE: ReadonlyArray<readonly [Label, number]> = [
  [{ canonical: 'tutorial', written: 'tutorial' }, 4],
  [{ canonical: 'health', written: 'health' }, 2],
  // typo, edit distance 1 from "info" (o -> i, neighbouring keys); a rare level after cleanup
  [{ canonical: 'info', written: 'infi' }, 1],
];
const SUBJECT_RARE: ReadonlyArray<readonly [Label, number]> = [
  // exactly 5: on the "count <= 5" boundary, so dropped
  [{ canonical: 'treadmill', written: 'treadmill' }, 5],
  [{ canonical: 'mac', written: 'mac' }, 3],
  [{ canonical: 'miyoo', written: 'miyoo' }, 2],
  [{ canonical: 'ramen', written: 'ramen' }, 1],
  [{ canonical: 'boba', written: 'boba' }, 1],
];
/** Variant spellings of common levels: [canonical, written, how many rows]. */
const CATEGORY_VARIANTS: ReadonlyArray<readonly [string, string, number]> = [
  ['info', 'info ', 3],
  ['tech', 'tech ', 1],
  ['humor', 'Humor', 2],
];
const SUBJECT_VARIANTS: ReadonlyArray<readonly [string, string, number]> = [
  ['devops', 'devops ', 1],
  ['career', 'career ', 1],
  ['software', 'Software', 1],
];

/** Placeholder-zero and demographic rates (MCAR). */
const NEW_FOLLOWERS_ZERO_RATE = 0.06;
const WATCHED_ZERO_RATE = 0.1;
const DEMOGRAPHICS_RATE = 0.1;
/** Of the rows with demographics: how many leave 55+ empty, and how many also 45-54. */
const DEMOGRAPHICS_NO_55 = 7;
const DEMOGRAPHICS_NO_45 = 1;
const COMMA_TITLES = 8;

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

// Random draws: samples/random.ts.

// ---------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------

const TOPICS: Readonly<Record<string, readonly string[]>> = {
  software: [
    'why I still write tests first',
    'golang vs python for a first job',
    'code review etiquette',
    'my terminal setup',
    'junior dev mistakes I made',
    'tabs or spaces',
    'debugging at 2am',
    'legacy code horror story',
    'git rebase in one minute',
    'pair programming tips',
    'what a senior dev actually does',
    'standup meeting bingo',
    'deploying on a Friday',
    'naming variables is hard',
    'rubber duck debugging',
    'hot take on microservices',
    "reading other people's code",
    'the intern pushed to main',
    'copy paste from stack overflow',
    'my first open source PR',
  ],
  career: [
    'how I negotiated my salary',
    'is a CS degree worth it',
    'job hopping in tech',
    'return to office rant',
    'my first tech job',
    'bootcamp or degree',
    'resume tips for career changers',
    'interview red flags',
    'work life balance in tech',
    'imposter syndrome',
    'getting promoted',
    'what to do after a layoff',
    'networking without being weird',
    'remote work pros and cons',
    'quitting without another offer',
  ],
  'data analytics': [
    'SQL joins explained',
    'excel vs python',
    'what a data analyst does all day',
    'pivot tables in 30 seconds',
    'my first dashboard',
    'data cleaning is most of the job',
    'learning SQL in a month',
    'power bi or tableau',
    'statistics you actually need',
    'portfolio project ideas',
    'which course for data analytics',
  ],
  'cyber security': [
    'phishing email breakdown',
    'password managers explained',
    'how hackers guess passwords',
    'turn on two factor',
    'security plus study tips',
    'what a SOC analyst does',
    'public wifi risks',
    'ransomware story time',
  ],
  devops: [
    'what is devops',
    'CI pipelines explained',
    'docker in one minute',
    'kubernetes is overkill',
    'on call horror story',
    'terraform first steps',
    'why my deploy failed',
  ],
  treadmill: ['under desk treadmill review', 'walking while coding', 'daily treadmill steps'],
  mac: ['mac mini desk setup', 'why I switched to mac'],
  miyoo: ['miyoo mini retro games'],
  ramen: ['late night ramen'],
  boba: ['boba run with the team'],
};
const HANDLES = [
  'sammy',
  'josh',
  'matthew_joy',
  'amiro',
  'datagal22',
  'devdan',
  'kaylee.codes',
  'mr_tony',
  'priya',
  'lee_in_tech',
  'techmom',
  'jordan',
  'bri',
  'alex.k',
];
const COMMA_SUFFIXES = [
  'explained',
  'honestly',
  'part 2',
  'again',
  'no really',
  'for real this time',
  'ranked',
  'the sequel',
];
const QUOTE_TITLE = 'When the PM says "quick change"';
const NON_ASCII_TITLE = 'naïve Bayes in 60 seconds';

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function baseTitle(rng: Random, subject: string, reply: 0 | 1): string {
  const topic = rng.pick(TOPICS[subject] ?? ['random thoughts']);
  if (reply === 1) {
    const handle = rng.pick(HANDLES);
    switch (rng.int(3)) {
      case 0:
        return `Reply to ${handle} ${topic}`;
      case 1:
        return `Reply ${handle} ${topic}`;
      default:
        return `reply @${handle} ${topic}`;
    }
  }
  switch (rng.int(6)) {
    case 0:
      return capitalize(topic);
    case 1:
      return `${topic} pt ${2 + rng.int(4)}`;
    case 2:
      return `more ${topic}`;
    case 3:
      return `${capitalize(topic)} part ${2 + rng.int(3)}`;
    case 4:
      return `${topic} again`;
    default:
      return topic;
  }
}

// ---------------------------------------------------------------------------
// CSV writing
// ---------------------------------------------------------------------------

/** Quote a field only when it holds a comma, a double quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** At most two decimals, no trailing zeros ("17", "3.5", "41.18"). */
function decimal2(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Counts of 10,000 and more are typed from the app's "12.7K" display. */
function typedCount(n: number): number {
  return n >= 10000 ? Math.round(n / 100) * 100 : n;
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/** Split `total` by shares with the largest-remainder method. */
function apportion(total: number, shares: ReadonlyArray<readonly [string, number]>): Array<[string, number]> {
  const sum = shares.reduce((acc, [, s]) => acc + s, 0);
  const raw = shares.map(([level, s]) => [level, (total * s) / sum] as const);
  const out: Array<[string, number]> = raw.map(([level, x]) => [level, Math.floor(x)]);
  let left = total - out.reduce((acc, [, n]) => acc + n, 0);
  const order = raw.map(([, x], i) => [i, x - Math.floor(x)] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [i] of order) {
    if (left <= 0) break;
    const slot = out[i];
    if (slot) slot[1] += 1;
    left -= 1;
  }
  return out;
}

function labelPool(
  rows: number,
  shares: ReadonlyArray<readonly [string, number]>,
  rare: ReadonlyArray<readonly [Label, number]>,
  variants: ReadonlyArray<readonly [string, string, number]>,
): Label[] {
  const rareRows = rare.reduce((acc, [, n]) => acc + n, 0);
  const pool: Label[] = [];
  for (const [level, n] of apportion(rows - rareRows, shares)) {
    const spelled = variants.filter(([c]) => c === level);
    let k = 0;
    for (const [, written, count] of spelled) {
      for (let j = 0; j < count && k < n; j += 1, k += 1) pool.push({ canonical: level, written });
    }
    for (; k < n; k += 1) pool.push({ canonical: level, written: level });
  }
  for (const [label, n] of rare) for (let j = 0; j < n; j += 1) pool.push(label);
  return pool;
}

interface Video {
  name: string;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  bookmarks: number;
  /** true percentage; `watchedRecorded` is what gets written */
  watchedFullVideo: number;
  watchedRecorded: number;
  newFollowers: number;
  length: number;
  category: Label;
  subject: Label;
  hasCover: 0 | 1;
  hasDescription: 0 | 1;
  reply: 0 | 1;
  demographics: Array<number | null> | null;
}

/** The model's linear predictor for one video (log1p scale, no noise). */
function linearPredictor(v: Video): number {
  let eta = TRUE_MODEL.intercept;
  for (const effect of Object.values(TRUE_MODEL.effects)) {
    if (effect.kind === 'numeric') {
      const x = v[effect.column];
      eta += effect.perUnit * (effect.transform === 'log1p' ? Math.log1p(x) : x);
    } else {
      const level = effect.column === 'category' ? v.category.canonical : v.subject.canonical;
      if (level === effect.level) eta += effect.perUnit;
    }
  }
  return eta;
}

function demographics(rng: Random, no55: boolean, no45: boolean): Array<number | null> {
  const male = Math.min(75, Math.max(40, Math.round(rng.normal(61, 7))));
  const a35 = Math.min(20, Math.max(2, Math.round(rng.normal(9, 3))));
  const a45 = no45 ? null : Math.min(5, Math.max(0, Math.round(rng.normal(1.8, 1))));
  const a55 = no55 ? null : rng.bernoulli(0.75);
  const a25 = Math.min(60, Math.max(22, Math.round(rng.normal(40, 8))));
  const a18 = 100 - a25 - a35 - (a45 ?? 0) - (a55 ?? 0);
  return [male, 100 - male, a18, a25, a35, a45, a55];
}

export interface SampleOptions {
  seed?: number;
  rows?: number;
}

/** The sample as CSV text: header + one line per video, LF endings, trailing LF. */
export function generateSample(options: SampleOptions = {}): string {
  const seed = options.seed ?? DEFAULT_SEED;
  const rows = options.rows ?? DEFAULT_ROWS;
  if (!Number.isInteger(rows) || rows < MIN_ROWS) throw new Error(`rows must be an integer >= ${MIN_ROWS}`);
  const rng = new Random(seed);

  const categories = rng.shuffle(labelPool(rows, CATEGORY_SHARES, CATEGORY_RARE, CATEGORY_VARIANTS));
  const subjects = rng.shuffle(labelPool(rows, SUBJECT_SHARES, SUBJECT_RARE, SUBJECT_VARIANTS));

  const videos: Video[] = [];
  for (let i = 0; i < rows; i += 1) {
    const category = categories[i];
    const subject = subjects[i];
    if (!category || !subject) throw new Error('label pool too short');
    const views = Math.max(60, Math.round(rng.lognormal(1200, 1.25)));
    const likes = typedCount(Math.max(1, rng.poisson(views * rng.lognormal(0.045, 0.7))));
    const comments = typedCount(rng.poisson(views * rng.lognormal(0.004, 0.8)));
    const shares = typedCount(rng.poisson(views * rng.lognormal(0.0006, 1.1)));
    const bookmarks = typedCount(rng.poisson(views * rng.lognormal(0.001, 1.1)));
    const length = Math.round(Math.min(180, Math.max(3, rng.lognormal(14, 0.85))) * 100) / 100;
    // percent who watched to the end; shorter videos are finished more often
    let watched = -1;
    for (let tries = 0; tries < 100 && (watched < 5 || watched > 70); tries += 1) {
      watched = rng.normal(30 - 5 * Math.log(length / 14), 11);
    }
    watched = Math.round(Math.min(70, Math.max(5, watched)) * 100) / 100;
    const hasCover = rng.bernoulli(0.45);
    const hasDescription = rng.bernoulli(0.8);
    const reply = rng.bernoulli(0.2);
    const video: Video = {
      name: '',
      views: typedCount(views),
      likes,
      comments,
      shares,
      bookmarks,
      watchedFullVideo: watched,
      watchedRecorded: watched,
      newFollowers: 0,
      length,
      category,
      subject,
      hasCover,
      hasDescription,
      reply,
      demographics: null,
    };
    const y = linearPredictor(video) + rng.normal(0, TRUE_MODEL.noiseSd);
    // 0 is reserved for "not logged" (a placeholder), so an organic count is at least 1
    video.newFollowers = Math.max(1, Math.round(Math.expm1(y)));
    videos.push(video);
  }

  // Placeholder zeros, missing completely at random.
  for (const i of rng.sample(rows, Math.round(rows * NEW_FOLLOWERS_ZERO_RATE))) {
    const v = videos[i];
    if (v) v.newFollowers = 0;
  }
  for (const i of rng.sample(rows, Math.round(rows * WATCHED_ZERO_RATE))) {
    const v = videos[i];
    if (v) v.watchedRecorded = 0;
  }
  // Demographics, logged for a few videos only.
  rng.sample(rows, Math.round(rows * DEMOGRAPHICS_RATE)).forEach((i, k) => {
    const v = videos[i];
    if (v) v.demographics = demographics(rng, k < DEMOGRAPHICS_NO_55, k < DEMOGRAPHICS_NO_45);
  });

  // Titles: mostly distinct free text.
  const seen = new Set<string>();
  for (const v of videos) {
    let name = baseTitle(rng, v.subject.canonical, v.reply);
    for (let tries = 0; seen.has(name) && tries < 50; tries += 1) {
      name = baseTitle(rng, v.subject.canonical, v.reply);
    }
    if (seen.has(name)) name = `${name} ${seen.size}`;
    seen.add(name);
    v.name = name;
  }
  const order = rng.sample(rows, rows);
  const take = (): Video => {
    const i = order.shift();
    const v = i === undefined ? undefined : videos[i];
    if (!v) throw new Error('ran out of rows for titles');
    return v;
  };
  for (let k = 0; k < COMMA_TITLES; k += 1) {
    const v = take();
    v.name = `${rng.pick(TOPICS[v.subject.canonical] ?? ['random thoughts'])}, ${COMMA_SUFFIXES[k % COMMA_SUFFIXES.length] ?? 'again'}`;
  }
  take().name = QUOTE_TITLE;
  const trailing = take();
  trailing.name = `${trailing.name} `;
  const original = take();
  take().name = original.name; // a re-upload with the same title
  const dataRow = order.findIndex((i) => videos[i]?.subject.canonical === 'data analytics');
  const dataIndex = dataRow >= 0 ? order[dataRow] : undefined;
  const dataVideo = dataIndex === undefined ? undefined : videos[dataIndex];
  if (dataVideo) dataVideo.name = NON_ASCII_TITLE;

  const lines = [COLUMNS.join(',')];
  for (const v of videos) {
    const demo = v.demographics ?? [null, null, null, null, null, null, null];
    const fields: string[] = [
      csvField(v.name),
      String(v.views),
      String(v.likes),
      String(v.comments),
      String(v.shares),
      String(v.bookmarks),
      decimal2(v.watchedRecorded),
      String(v.newFollowers),
      decimal2(v.length),
      csvField(v.category.written),
      csvField(v.subject.written),
      String(v.hasCover),
      String(v.hasDescription),
      String(v.reply),
      ...demo.map((d) => (d === null ? '' : String(d))),
    ];
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}

// Run as a script: write samples/tiktok-sample.csv next to this file.
const entry = process.argv[1] ?? '';
if (/generate\.[cm]?[tj]s$/.test(entry)) {
  const dir = typeof __dirname === 'string' ? __dirname : path.dirname(entry);
  const out = path.join(dir, 'tiktok-sample.csv');
  const csv = generateSample();
  fs.writeFileSync(out, csv, 'utf8');
  console.log(`wrote ${path.relative(process.cwd(), out) || out} (${csv.split('\n').length - 2} rows)`);
}
