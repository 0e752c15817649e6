/** A progress bar that says how far it is to screen readers too; no percent = not known yet. */
export function ProgressBar({
  label,
  percent,
  text,
}: {
  label: string;
  percent: number | null;
  /** What it means in words, e.g. "4.2 MB of 10 MB". */
  text: string;
}) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={
        percent === null ? text || 'Starting' : `${percent}%${text ? `, ${text}` : ''}`
      }
      className={`progress${percent === null ? ' is-indeterminate' : ''}`}
    >
      <div className="progress-fill" style={{ transform: `scaleX(${(percent ?? 100) / 100})` }} />
    </div>
  );
}
