/** Placeholder until the local pane lands. */
export function LocalPane() {
  return <div className="empty-state">Local files</div>;
}
