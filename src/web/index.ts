/** The public HTML side of Pharos: pure renderers from a StatusModel to HTML, and the page's static assets. */
export { renderStatusPage } from './pages/status-page.ts';
export { renderHistoryPage } from './pages/history-page.ts';
export { renderIncidentPage } from './pages/incident-page.ts';
export { renderMaintenancePage } from './pages/maintenance-page.ts';
export { isMonth, monthOf } from './pages/history-month.ts';
export { ETAG_PLACEHOLDER } from './pages/document-shell.ts';
export { renderMarkdown } from './markdown/render-markdown.ts';
export { faviconSvg, pharosCss, pharosJs, webAssets, webAssetByPath, type WebAsset } from './assets/index.ts';
