import { InfoNotice } from '../../ui/InfoNotice';
import type { Protocol } from '../../../shared/protocols';
import { countComparison, summaryText, type CompareMark } from './compareFolders';
import { MARKS } from './CompareMarkBadge';
import { hoursOffText } from './compareTimes';
import { siteOffsetText } from './serverTimeOffset';
import { compareActions, useTabCompare } from './compareStore';
import { precisionOfProtocol, useComparison, type ShownComparison } from './useComparison';

const LEGEND_ORDER: CompareMark[] = ['only-here', 'newer', 'older', 'size', 'same'];

/** The usual marks, and "file vs folder" when a name is a file on one side, a folder on the other. */
function legendMarks(shown: ShownComparison | null): CompareMark[] {
  const marks = shown ? [...shown.comparison.local.marks.values()] : [];
  return marks.includes('kind') ? [...LEGEND_ORDER, 'kind'] : LEGEND_ORDER;
}

/** What "newer" means here: listed times are only so precise, and FTP says no time zone. */
function newerMeaning(protocol: Protocol): { text: string; more?: string } {
  return precisionOfProtocol(protocol) === 'exact'
    ? { text: 'Newer: changed later than the other side’s copy (to the second).' }
    : {
        text: 'Newer: changed later than the other side’s copy. This server lists times to the minute and without a time zone: times in the same minute count as the same.',
        more: 'Files older than half a year are listed to the day only: the same day counts as the same. When every file of the same size is off by the same whole hours, that is the server’s time zone, and the times are compared with it taken off (unless the site sets “Adjust server time”, which is used instead).',
      };
}

/**
 * Under the tab's switches: what synchronized browsing stopped for, and while comparing, the
 * summary ("2 differ · 3 only on the server · …") with what the marks mean.
 */
export function CompareLegend({ tabId, protocol }: { tabId: string; protocol: Protocol }) {
  const { comparing, notice } = useTabCompare(tabId);
  const shown = useComparison();
  const newer = newerMeaning(protocol);
  return (
    <>
      {notice && (
        <InfoNotice
          text={notice}
          role="status"
          onDismiss={() => compareActions.dismissNotice(tabId)}
        />
      )}
      {comparing && (
        <section className="compare-legend" aria-label="Folder comparison">
          <p className="compare-summary" role="status">
            {shown
              ? `Compared: ${summaryText(countComparison(shown.comparison, shown.localNames, shown.remoteNames))}`
              : 'Comparing as soon as both folders are listed…'}
            {/* In the status itself, so it is read out with the counts it explains. */}
            {shown?.comparison.remoteTimeShift && (
              <span className="compare-hours-off">
                .{' '}
                {shown.comparison.remoteTimeShift.by === 'site'
                  ? siteOffsetText(shown.comparison.remoteTimeShift.minutes)
                  : hoursOffText(shown.comparison.remoteTimeShift.hours)}
              </span>
            )}
          </p>
          <ul className="compare-key" aria-label="Marks">
            {legendMarks(shown).map((mark) => {
              const { icon: Icon, word, meaning } = MARKS[mark];
              return (
                <li key={mark} className={`compare-mark mark-${mark}`} title={meaning}>
                  <Icon size={12} aria-hidden="true" />
                  {word}
                  <span className="visually-hidden">: {meaning}</span>
                </li>
              );
            })}
          </ul>
          <p className="compare-newer" title={newer.more}>
            {newer.text}
            {newer.more && <span className="visually-hidden"> {newer.more}</span>}
          </p>
        </section>
      )}
    </>
  );
}
