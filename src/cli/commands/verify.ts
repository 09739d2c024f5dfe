// verify PATH: a local bag (directory or tar) or one of its manifests against what the Registry
// holds for the object: one record per file (its verdict) on stdout, a one-line summary on
// stderr, exit 0 when every file matches and 9 when anything differs.
import type { Command } from 'commander';
import { bagName, verifyObject, type FileVerdict, type RegistryClient, type VerifySummary } from '../../index.js';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { fieldsOption, formatOption } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags } from '../output/choose.js';
import { noteEmpty } from '../notes.js';
import { say } from '../report-error.js';
import type { CliRecord } from '../resources.js';
import { UsageError } from '../usage-error.js';
import { formatCount } from '../numbers.js';

interface VerifyFlags extends FormatFlags {
  identifier?: string;
  institution?: string;
  compute?: boolean;
  differencesOnly?: boolean;
}

/** The fields of a verdict record, in the order csv and --fields know them. */
export const VERIFY_FIELDS = [
  'path',
  'verdict',
  'detail',
  'algorithms',
  'local_digest',
  'registry_digest',
  'file_id',
  'state',
  'identifier',
] as const;

/** The columns of the table on a terminal. */
const TABLE_COLUMNS = ['verdict', 'path', 'detail'];

/** Words for each verdict, as the summary line says them. */
const WORDS: Record<keyof VerifySummary['counts'], string> = {
  match: 'match',
  mismatch: 'mismatch',
  missing: 'missing in APTrust',
  'only-in-aptrust': 'only in APTrust',
  'not-checked': 'not yet checked',
  deleted: 'deleted',
  'local-corrupt': 'locally corrupt',
};

/** A verdict as one flat record: the digests of its first differing (else first compared) algorithm. */
function verdictRecord(v: FileVerdict): CliRecord {
  const shown = v.mismatched[0] ?? v.compared[0];
  return {
    path: v.path,
    verdict: v.verdict,
    detail: v.detail,
    algorithms: (v.compared.length ? v.compared : v.mismatched).join(','),
    // null, not 0 or "", where there is nothing: a file APTrust lacks has no id (csv shows an empty cell).
    local_digest: (shown && v.local[shown]) ?? null,
    registry_digest: (shown && v.registry[shown]) ?? null,
    file_id: v.fileId ?? null,
    state: v.state ?? null,
    identifier: v.identifier,
  };
}

/** The one-line summary on stderr. */
export function summaryLine(s: VerifySummary): string {
  const parts = (Object.keys(WORDS) as (keyof typeof WORDS)[])
    .filter((k) => k !== 'local-corrupt' || s.counts[k] > 0)
    .map((k) => `${formatCount(s.counts[k])} ${WORDS[k]}`);
  const extra = [
    s.outOfScope ? `${formatCount(s.outOfScope)} more in APTrust not covered by this ${s.scope} manifest` : '',
    s.ignoredAlgorithms.length ? `manifests of ${s.ignoredAlgorithms.join(', ')} ignored (APTrust records md5, sha1, sha256, sha512)` : '',
  ].filter((x) => x !== '');
  return `verify: ${s.identifier}: ${parts.join(', ')}${extra.length ? `; ${extra.join('; ')}` : ''}`;
}

/**
 * The user's institution identifier, for the default object identifier. The Member API has no
 * "who am I", but a member sees only their own institution's records: one record of objects (or,
 * before the first ingest, of work items) names it. One cheap request (per_page=1).
 */
async function institutionOf(client: RegistryClient): Promise<string | undefined> {
  const objects = await client.objects.list({ per_page: 1 });
  if (objects.results[0]) return objects.results[0].institution_identifier;
  const items = await client.workItems.list({ per_page: 1 });
  return items.results[0]?.institution_identifier || undefined;
}

export function registerVerify(program: Command, ctx: CliContext): void {
  const command = program
    .command('verify')
    .description('compare a local bag with what APTrust holds for it, file by file; exit 0 when all match, 9 when anything differs')
    .argument('<path>', 'a bag directory, a bag tar (.tar, .tar.gz, .tgz), or one manifest (manifest-sha256.txt, tagmanifest-md5.txt…)')
    .option('--identifier <id>', "the object's identifier (default: <your institution>/<bag name>)")
    .option('--institution <identifier>', 'your institution, e.g. example.edu, for the default identifier (default: from one request)')
    .option('--compute', "hash the local files (md5, sha1, sha256, sha512) instead of trusting the bag's manifests")
    .option('--differences-only', 'output only the files that do not match (the summary still counts every file)')
    .addOption(formatOption())
    .addOption(fieldsOption())
    .action(async (path: string, flags: VerifyFlags, cmd: Command) => {
      const plan = planOutput(ctx.io, flags, VERIFY_FIELDS, 'verify');
      if (flags.identifier !== undefined && !/^[^/\s]+\/.+/.test(flags.identifier)) {
        throw new UsageError(
          `--identifier ${JSON.stringify(flags.identifier)} is not an object identifier`,
          'it is institution.edu/bag_name',
        );
      }
      if (flags.institution !== undefined && !/^[^/\s]+$/.test(flags.institution)) {
        throw new UsageError(`--institution ${JSON.stringify(flags.institution)} is not an institution identifier`, 'e.g. example.edu');
      }
      // Read before connecting: a path that is not there is exit 2 before any request.
      const bag = await bagName(path);
      const globals = globalsOf(cmd);
      const client = await connect(ctx.io, globals);
      try {
        let identifier = flags.identifier;
        if (identifier === undefined) {
          const institution = flags.institution ?? (await institutionOf(client));
          if (!institution) {
            throw new UsageError(
              'verify: cannot tell your institution (the Registry shows you no objects or work items)',
              'give --identifier institution.edu/bag_name or --institution institution.edu',
            );
          }
          identifier = `${institution}/${bag}`;
        }
        const sink = await createSink(ctx.io, plan, { single: false, defaultColumns: TABLE_COLUMNS, allFields: VERIFY_FIELDS });
        // Verdicts are written as they are decided, never all held: a 100,000-file bag's
        // output streams like a crawl's.
        let written = 0;
        const { summary } = await verifyObject(client, identifier, path, {
          compute: flags.compute,
          collect: false,
          onFile: async (v) => {
            if (flags.differencesOnly && v.verdict === 'match') return;
            await sink.write(verdictRecord(v));
            written++;
          },
        });
        await sink.end();
        if (written === 0) noteEmpty(ctx, plan.format, summary.total ? 'every file matches' : 'no files to compare');
        if (!globals.quiet || !summary.ok) say(ctx.io, summaryLine(summary));
        if (!summary.ok) ctx.exitCode = EXIT.differences;
      } finally {
        client.close();
      }
    });
  withHelp(
    command,
    [
      'aptrust-registry verify ./my_bag                                  # a bag directory; identifier <institution>/my_bag',
      'aptrust-registry verify my_bag.tar --compute                      # hash the files, do not trust the manifests',
      'aptrust-registry verify my_bag/manifest-sha256.txt --identifier example.edu/my_bag --format csv',
    ],
    `One record per file (only those that do not match with --differences-only): its verdict,
the path in the bag, the digests compared and a sentence. Verdicts: match; mismatch (APTrust's
latest checksum differs); missing (in the bag, not in APTrust); only-in-aptrust; not-checked
(APTrust has no checksum of the bag's algorithms yet); deleted (state D in APTrust);
local-corrupt (with --compute, the local bytes disagree with the bag's own manifest; or a file
a manifest lists is absent from the bag).
A bag directory or tar speaks for every file of the bag: payload files by the payload
manifests, tag files by the tag manifests, and files no manifest lists (the tag manifests) are
hashed. A manifest alone speaks for its own files: a payload manifest for data/…, a tag
manifest for the tag files; APTrust's other files are counted in the summary, not reported.
Paths are compared in Unicode NFC (macOS writes NFD names). The summary line goes to stderr.
A malformed manifest, a path outside the bag or an unreadable tar is exit 2, before any request.

${FORMAT_NOTE}`,
  );
}
