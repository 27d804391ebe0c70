/**
 * What the colours mean, always on screen (trainers point at it); zoomed far out, what a node
 * glyph's bars are. Pod phases are Kubernetes' own words and stay as kubectl prints them.
 */
import { useLingui } from '@lingui/react';

export function Legend() {
  const { _ } = useLingui();
  return (
    <div className="legend" aria-label={_('legend.label')}>
      <span><i className="sw cell assigned" />{_('legend.assigned')}</span>
      <span><i className="sw cell warm" />{_('legend.warm')}</span>
      <span><i className="sw cell cooling" />{_('legend.cooling')}</span>
      <span><i className="sw cell empty" />{_('legend.empty')}</span>
      <span><i className="sw pod Running" />Running</span>
      <span><i className="sw pod ContainerCreating" />ContainerCreating</span>
      <span><i className="sw pod Pending" />Pending</span>
      <span className="glyph-hint"><i className="sw glyph" aria-hidden="true"><b /><b /></i>{_('legend.glyph')}</span>
    </div>
  );
}
