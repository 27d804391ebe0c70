/** What the colours mean, always on screen (trainers point at it); zoomed far out, what a node glyph's bars are. */
export function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      <span><i className="sw cell assigned" />assigned IP</span>
      <span><i className="sw cell warm" />warm (free)</span>
      <span><i className="sw cell cooling" />cooling down</span>
      <span><i className="sw cell empty" />ENI slot unused</span>
      <span><i className="sw pod Running" />Running</span>
      <span><i className="sw pod ContainerCreating" />ContainerCreating</span>
      <span><i className="sw pod Pending" />Pending</span>
      <span className="glyph-hint"><i className="sw glyph" aria-hidden="true"><b /><b /></i>zoomed out, a node: pods of max pods, then its IPs of the limit</span>
    </div>
  );
}
