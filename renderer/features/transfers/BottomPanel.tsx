/** The transfer queue and the log live here. */
export function BottomPanel() {
  return (
    <section className="bottom-panel" aria-label="Transfers and log">
      <p className="muted">No transfers yet.</p>
    </section>
  );
}
