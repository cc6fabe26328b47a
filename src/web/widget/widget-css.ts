/** The badge's look, shared by the script (inside its shadow root) and the iframe document. */
export const WIDGET_CSS = `
.pharos-widget{display:inline-flex;align-items:center;gap:.5em;padding:.3em .75em;border:1px solid #d0d7de;border-radius:999px;
background:#fff;color:#1f2328;font:500 13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-decoration:none;white-space:nowrap}
.pharos-widget:hover{border-color:#8c959f}
.pharos-widget:focus-visible{outline:2px solid #0969da;outline-offset:2px}
.pharos-dot{width:.65em;height:.65em;border-radius:50%;flex:none}
@media (prefers-color-scheme:dark){.pharos-widget{background:#161b22;border-color:#30363d;color:#e6edf3}.pharos-widget:hover{border-color:#6e7681}}
`.trim();
