// Vocabulary for synthetic records, and the hand-made awkward identifiers that every client
// must survive (errata §5.1: spaces, ?, #, %, &, quotes, unicode, slashes).

export const TOPICS = [
  'letters',
  'photos',
  'maps',
  'diaries',
  'theses',
  'audio',
  'video',
  'ledgers',
  'minutes',
  'scans',
  'newspapers',
  'oral_histories',
] as const;
export const PLACES = [
  'charlottesville',
  'durham',
  'ann_arbor',
  'ithaca',
  'berkeley',
  'austin',
  'evanston',
  'provo',
  'nashville',
  'kyoto',
] as const;
export const DIRS = ['images', 'text', 'audio', 'master', 'derivatives', 'metadata', 'ocr'] as const;

export const FORMATS: readonly { ext: string; mime: string }[] = [
  { ext: 'jpg', mime: 'image/jpeg' },
  { ext: 'tif', mime: 'image/tiff' },
  { ext: 'pdf', mime: 'application/pdf' },
  { ext: 'txt', mime: 'text/plain' },
  { ext: 'xml', mime: 'application/xml' },
  { ext: 'wav', mime: 'audio/x-wav' },
  { ext: 'mp4', mime: 'video/mp4' },
  { ext: 'bin', mime: 'application/octet-stream' },
];

export const STORAGE_OPTIONS = [
  'Glacier-Deep-OH',
  'Glacier-Deep-OR',
  'Glacier-Deep-VA',
  'Glacier-OH',
  'Glacier-OR',
  'Glacier-VA',
  'Standard',
  'Wasabi-OR',
  'Wasabi-TX',
  'Wasabi-VA',
] as const;
export const ACCESS = ['consortia', 'institution', 'restricted'] as const;

// errata §3.3: values are not validated, so arbitrary profile URLs appear next to the two constants.
export const BAGIT_PROFILES = [
  'https://raw.githubusercontent.com/APTrust/preservation-services/master/profiles/aptrust-v2.2.json',
  'https://github.com/dpscollaborative/btr_bagit_profile/releases/download/1.0/btr-bagit-profile.json',
  'https://profiles.example.org/custom-bagit-profile.json',
  'https://wiki.example.org/Local_BagIt_Profile-1.3',
] as const;

export interface SpecialObject {
  institutionId: number;
  bagName: string;
  state: 'A' | 'D';
  /** Paths relative to the object identifier; the object gets exactly these files. */
  files: readonly string[];
}

/** The file in the awkward bag that has no checksums, events or storage records (null arrays). */
export const BARE_FILE_PATH = 'data/12345';

/**
 * Institution 3's file with spaces, `&` and a curly apostrophe: stored (storage records) but with
 * no checksums and no events, as the real server's fixture file of that kind comes back
 * (show.files.by_identifier_special_chars: checksums and premis_events null).
 */
export const UNRECORDED_FILE_PATH = 'data/Smith & Jones – Rev. L. Pol’y 12 .pdf';

const AWKWARD_FILES: readonly string[] = [
  'bag-info.txt',
  'aptrust-info.txt',
  'data/file with spaces.txt',
  'data/question?mark.txt',
  'data/hash#tag.txt',
  'data/100% pure_fun.txt',
  'data/ampersand & co.txt',
  `data/it's "quoted".txt`,
  'data/back`tick`.txt',
  'data/café/Pol’y 日本語.pdf',
  'data/deep/nested/path/to/file.txt',
  'data/plus+sign=equals.txt',
  'data/<angle> brackets.xml',
  'data/semi;colon,comma.txt',
  'data/literal%2Fpercent.txt',
  'data/trailing space .txt',
  'data/back\\slash.txt',
  'data/emoji 🎉.txt',
  BARE_FILE_PATH,
];

/** Objects 1..7 in id order; generated objects follow. */
export const SPECIAL_OBJECTS: readonly SpecialObject[] = [
  { institutionId: 2, bagName: 'awkward.files', state: 'A', files: AWKWARD_FILES },
  {
    institutionId: 3,
    bagName: 'other.institution',
    state: 'A',
    files: ['bag-info.txt', UNRECORDED_FILE_PATH, 'data/other #1?.txt'],
  },
  // photo_album / photos-1960: `photo_` matches both because `_` is an ILIKE wildcard (errata §3.1).
  { institutionId: 2, bagName: 'photo_album', state: 'A', files: ['bag-info.txt', 'data/album/page_001.jpg', 'data/album/page_002.jpg'] },
  { institutionId: 2, bagName: 'photos-1960', state: 'A', files: ['bag-info.txt', 'data/1960/img_0001.tif'] },
  { institutionId: 2, bagName: `Odd bag ?#%&'"\`é’日本`, state: 'A', files: ['bag-info.txt', 'data/odd.txt'] },
  { institutionId: 2, bagName: 'empty.object', state: 'A', files: [] },
  { institutionId: 3, bagName: 'deleted.object', state: 'D', files: ['bag-info.txt', 'data/gone.pdf'] },
];
