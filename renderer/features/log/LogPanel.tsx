import { Copy, Trash2 } from 'lucide-react';
import { memo, useEffect, useRef, useState } from 'react';
import { useTabs } from '../tabs/tabsStore';
import { formatLogLine, useLog, type LogLine } from './logStore';
import './log.css';

/** The conversation with the servers, secrets already masked by the core. */
export function LogPanel() {
  const { lines, dropped, clear, transferCommands, showTransferCommands } = useLog();
  const [copied, setCopied] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const serverNames = useTabs((s) => s.serverNames);
  // With one server there is nothing to tell apart; with several, each line names its own.
  const several = Object.keys(serverNames).length > 1;
  const serverOf = (line: LogLine) =>
    several && line.sessionId ? serverNames[line.sessionId] : undefined;

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lines.length, dropped]);

  async function copy() {
    await navigator.clipboard.writeText(
      lines.map((line) => formatLogLine(line, serverOf(line))).join('\n'),
    );
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  return (
    <div className="log-panel">
      <div className="log-toolbar">
        <button type="button" onClick={() => void copy()} aria-label="Copy log">
          <Copy size={14} aria-hidden="true" /> {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={clear} aria-label="Clear log">
          <Trash2 size={14} aria-hidden="true" /> Clear
        </button>
        <label
          className="log-detail"
          title="Every command and reply of the connections that move files (many lines per file)"
        >
          <input
            type="checkbox"
            checked={transferCommands}
            onChange={(event) => void showTransferCommands(event.target.checked)}
          />
          Show transfer commands
        </label>
      </div>
      <div className="log-lines" role="log" aria-label="Connection log" tabIndex={0}>
        {lines.length === 0 && <p className="muted">Nothing logged yet.</p>}
        {lines.map((line, index) => (
          // Keyed by position since the session began: a new batch renders only its own rows.
          <LogRow key={dropped + index} line={line} server={serverOf(line)} />
        ))}
        <div ref={end} />
      </div>
    </div>
  );
}

const LogRow = memo(function LogRow({ line, server }: { line: LogLine; server?: string }) {
  return <div className={`log-line log-${line.level}`}>{formatLogLine(line, server)}</div>;
});
