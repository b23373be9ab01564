/**
 * S3's limits and the plugin's own caps, stated once: the checks, the listing loop and the
 * forms' help texts all read them from here.
 */
export const LIMITS = {
  /** Keys S3 lists in one page, and deletes in one DeleteObjects request. */
  keysPerPage: 1000,
  /** The largest maxKeys taken: S3 reads MaxKeys as a 32-bit integer (the app builder's plugin passed any value on). */
  maxKeysValue: 2_147_483_647,
  /** Keys one list result holds, however large maxKeys or maxTotalKeys is. */
  keysPerResult: 1_000_000,
  /** An object key: bytes of UTF-8. */
  keyBytes: 1024,
  /** The text one list result holds (keys, ETags, …), however many keys are allowed: a bound on memory. */
  listingBytes: 256 * 1024 * 1024,
  /** Suffixes one listing filter takes (each key is tested against every one). */
  listSuffixes: 20,
  /** Keys one remove_objects query takes. */
  keysPerDelete: 100_000,
  /** The longest a signed URL may be valid: 7 days. */
  signedUrlSeconds: 604_800,
  /** User metadata, all names and values together. */
  metadataBytes: 2048,
  /** Days a lifecycle preset waits (S3 takes any positive number; a century is plenty). */
  lifecycleDays: 36_500,
  /** Rules in one bucket's lifecycle configuration, and characters of a rule ID (S3's). */
  lifecycleRules: 1_000,
  lifecycleRuleIdCharacters: 255,
  tagsPerObject: 10,
  tagKeyCharacters: 128,
  tagValueCharacters: 256,
  /** A new bucket's name (existing buckets may be longer: S3 once allowed 255). */
  newBucketCharacters: { min: 3, max: 63 },
  /** Objects a folder operation copies at the same time (the data source's pool has 50 sockets). */
  folderConcurrency: { min: 1, max: 32, default: 8 },
  /** Failed keys a folder operation's result lists; the count covers them all. */
  folderErrorsListed: 1000,
  /** A version id as the plugin takes it (S3's are 32 characters; other stores' differ). */
  versionIdCharacters: 1024,
  /** Rules one bucket's CORS configuration holds. */
  corsRulesPerBucket: 100,
  /** The longest a browser caches a CORS preflight answer (Firefox's cap; Chrome's is shorter). */
  corsMaxAgeSeconds: 86_400,
  /** The largest read loaded into a result: one string of at most 256 MB (V8's string limit is ~512 MB of UTF-16). */
  readSizeMegabytes: 256,
  /** The largest file one presigned POST (an HTML form upload) may carry: 5 GiB, as S3 allows. */
  postUploadBytes: 5 * 1024 ** 3,
  /** What a presigned POST accepts when maxSizeBytes is not set: 100 MiB. */
  postUploadDefaultBytes: 100 * 1024 ** 2,
  /** Parts of one multipart upload, numbered 1 to this. */
  partsPerUpload: 10_000,
  /** Parts S3 lists in one page of ListParts. */
  partsPerPage: 1000,
  /** A part's size: every part but the last at least 5 MiB, none above 5 GiB. */
  partBytes: { min: 5 * 1024 ** 2, max: 5 * 1024 ** 3 },
  /** The part size planned for a browser upload when none is given: 16 MiB (a 20 GB file in ~1,200 parts). */
  partDefaultBytes: 16 * 1024 ** 2,
  /** The largest object S3 stores: 5 TiB. */
  objectBytes: 5 * 1024 ** 4,
  /** Text of a part-number list: 10,000 numbers written out with a separator each. */
  partNumbersCharacters: 80_000,
  /** An ETag as a completed-parts list carries it (S3's are 34 characters, quotes included). */
  etagCharacters: 256,
  /** Text of a completed-parts list: 10,000 entries of a part number and an ETag. */
  completedPartsCharacters: 3_000_000,
  /** Text of remove_objects' key list (a JSON array or one key per line); an expression's list is not text. */
  keyListCharacters: 2 * 1024 * 1024,
  /** Text of the other kinds of option, before it is read: a bound on what reading costs, far above any real value. */
  optionCharacters: {
    /** Names, ARNs included. */
    bucket: 2048,
    /** Prefixes, markers and continuation tokens. */
    text: 4096,
    /** Header values: Content-Type, Content-Disposition, Cache-Control, a download name. */
    header: 2048,
    /** Metadata and tags as JSON (S3 stores 2 KB of metadata, 10 tags). */
    json: 16 * 1024,
    /** CORS origins, methods and headers. */
    list: 16 * 1024,
    /** Numbers, toggles, choices, ranges, regions. */
    short: 256,
  },
  /** Multipart uploads listed in one page. */
  uploadsPerPage: 1000,
} as const;

/** A count as the help texts write it: 1,000,000. */
export const count = (value: number): string => value.toLocaleString('en');

/** A whole-number range as tooltips, errors and docs/options.md all write it: "0 to 2,147,483,647". */
export const integerRange = (range: { min: number; max: number }): string =>
  `${count(range.min)} to ${count(range.max)}`;
