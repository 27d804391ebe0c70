/** The whole walk as text in a terminal-style panel, with a copy button. */
import { useState } from 'react';

export function TranscriptPanel({ text }: { text: string }) {
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
    <section className="pw-transcript" aria-label="Transcript">
      <div className="pw-transcript-head">
        <h3>Transcript</h3>
        <button type="button" className="small" onClick={(e) => { e.preventDefault(); void copy(); }} data-testid="pw-copy">
          {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed: select the text' : 'Copy transcript'}
        </button>
      </div>
      <pre className="terminal-body" tabIndex={0} aria-label="Transcript of the walk" data-testid="pw-transcript">{text}</pre>
    </section>
  );
}
