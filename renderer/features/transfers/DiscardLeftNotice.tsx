import type { UnfinishedLeft } from '../../../shared/contract/transfers';
import { dismissLeft, useUnfinished } from './unfinishedStore';

/** At most this many paths are named per server; the rest are counted. */
const NAMED = 3;

/**
 * What a Discard of unfinished transfers could not remove yet: partial uploads on a server that
 * was out of reach (Ferry deletes them the next time it connects there), new files it left
 * because they are no longer (or may not be) as it left them, and partial downloads here it
 * could not remove, each said in words with what to do.
 */
export function DiscardLeftNotice() {
  const left = useUnfinished((s) => s.left);
  if (!left) return null;
  return (
    <section className="info-banner unfinished-left" aria-labelledby="unfinished-left-title">
      <p id="unfinished-left-title">
        <strong>Discarded transfers left partial files behind.</strong>
      </p>
      <div role="status">
        <ul>
          {sentences(left).map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </div>
      <div className="unfinished-actions">
        <button type="button" onClick={dismissLeft}>
          OK
        </button>
      </div>
    </section>
  );
}

function sentences(left: UnfinishedLeft): string[] {
  const onServers = left.onServers.flatMap(({ host, address, paths, newFiles = [] }) => [
    ...(paths.length === 0 ? [] : [tempsSentence(host, address, paths)]),
    ...(newFiles.length === 0 ? [] : [newFilesSentence(host, address, newFiles)]),
  ]);
  const here =
    left.local.length === 0
      ? []
      : left.local.length === 1
        ? [`The partial download ${left.local[0]} could not be removed: delete it yourself.`]
        : [
            `${left.local.length} partial downloads could not be removed (${named(left.local)}): delete them yourself.`,
          ];
  // New files of discarded uploads that Ferry would not delete: not as it left them.
  const kept = (left.kept ?? []).map(
    ({ host, path, reason }) => `The partial upload ${path} was left on ${host}: ${reason}`,
  );
  return [...onServers, ...kept, ...here];
}

function tempsSentence(host: string, address: string, paths: readonly string[]): string {
  return paths.length === 1
    ? `The partial upload ${paths[0]} is still on ${host}: Ferry deletes it the next time you connect to ${address}, or delete it yourself.`
    : `${paths.length} partial uploads are still on ${host} (${named(paths)}): Ferry deletes them the next time you connect to ${address}, or delete them yourself.`;
}

/** New files' halves are deleted later only while still as Ferry left them: said so. */
function newFilesSentence(host: string, address: string, files: readonly string[]): string {
  return files.length === 1
    ? `The partial new file ${files[0]} is still on ${host}: Ferry deletes it the next time you connect to ${address} if it is still as Ferry left it (else the log says why not), or delete it yourself.`
    : `${files.length} partial new files are still on ${host} (${named(files)}): Ferry deletes them the next time you connect to ${address} if they are still as Ferry left them (else the log says why not), or delete them yourself.`;
}

function named(paths: readonly string[]): string {
  const more = paths.length - NAMED;
  return paths.slice(0, NAMED).join(', ') + (more > 0 ? ` and ${more} more` : '');
}
