/** Inline icons (no icon font: system fonts lack the media-control glyphs). */
const base = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => <svg {...base}><path d="M4 2.5v11l9-5.5z" fill="currentColor" /></svg>;
export const PauseIcon = () => <svg {...base}><path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor" /></svg>;
export const StepIcon = () => <svg {...base}><path d="M3 2.5v11l7-5.5z M11 2.5h2v11h-2z" fill="currentColor" /></svg>;
export const RestartIcon = () => <svg {...base}><path d="M3 2.5h2v11H3z M13 2.5v11l-7-5.5z" fill="currentColor" /></svg>;
export const MoonIcon = () => <svg {...base}><path d="M11.5 10.5A5.5 5.5 0 0 1 5.5 2.2a6 6 0 1 0 8.3 8.3 5.5 5.5 0 0 1-2.3 0z" fill="currentColor" /></svg>;
export const SunIcon = () => (
  <svg {...base}><circle cx="8" cy="8" r="3.2" fill="currentColor" /><g stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
    <path d="M8 1v1.8M8 13.2V15M1 8h1.8M13.2 8H15M3 3l1.3 1.3M11.7 11.7 13 13M3 13l1.3-1.3M11.7 4.3 13 3" /></g></svg>
);
export const GlobeIcon = () => (
  <svg {...base}><g fill="none" stroke="currentColor" strokeWidth="1.3"><circle cx="8" cy="8" r="6.3" />
    <path d="M1.7 8h12.6M8 1.7c-2.2 2.4-2.2 10.2 0 12.6M8 1.7c2.2 2.4 2.2 10.2 0 12.6" /></g></svg>
);
