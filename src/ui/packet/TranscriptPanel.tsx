/** The whole walk as text in a terminal-style panel, with a copy button. */
import { useLingui } from '@lingui/react';
import { useState } from 'react';

export function TranscriptPanel({ text }: { text: string }) {
  const { _ } = useLingui();
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = async () => {
    let r: 'yes' | 'failed' = 'failed';
    try {
      await navigator.clipboard.writeText(text);
      r = 'yes';
    } catch {
      // No clipboard (insecure context, denied permission): the text stays selectable below.
    }
    setCopied(r);
    setTimeout(() => setCopied(undefined), 2000);
  };
  return (
    // A heading row, not <details>: a button inside <summary> is a control nested in a control (axe).
    <section className="pw-transcript" aria-label={_('walk.transcript')}>
      <div className="pw-transcript-head">
        <h3>{_('walk.transcript')}</h3>
        <button type="button" className="small" onClick={(e) => { e.preventDefault(); void copy(); }} data-testid="pw-copy">
          {copied === 'yes' ? _('walk.copied') : copied === 'failed' ? _('action.copyFailed') : _('walk.copyTranscript')}
        </button>
      </div>
      <pre className="terminal-body" tabIndex={0} aria-label={_('walk.transcriptLabel')} data-testid="pw-transcript">{text}</pre>
    </section>
  );
}
