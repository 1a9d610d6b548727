export const id = 162;
export const ids = [162];
export const modules = {

/***/ 93162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   updateReleaseSection: () => (/* binding */ updateReleaseSection),
/* harmony export */   uploadReleaseAssets: () => (/* binding */ uploadReleaseAssets)
/* harmony export */ });
/* unused harmony exports RELEASE_SECTION_START, RELEASE_SECTION_END, withSection */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _render_comment_markers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(66745);



const RELEASE_SECTION_START = '<!-- ai-log-trail:release-notes:start -->';
const RELEASE_SECTION_END = '<!-- ai-log-trail:release-notes:end -->';
const RELEASE_BODY_LIMIT = 125_000;
const CONTENT_TYPES = {
    '.md': 'text/markdown; charset=utf-8',
    '.json': 'application/json',
    '.csv': 'text/csv; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.sqlite': 'application/vnd.sqlite3'
};
function contentType(name) {
    const ext = name.slice(name.lastIndexOf('.'));
    return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
/**
 * Uploads report files as release assets. An asset with the same name (from an earlier run of
 * the same release) is deleted first, so a re-run replaces rather than fails or duplicates.
 */
async function uploadReleaseAssets(octokit, ref, releaseId, files, prefix = 'ai-log-trail-') {
    // Octokit sends uploads to https://uploads.github.com whatever its baseUrl; the release's own
    // upload_url is right on GitHub Enterprise Server and GHE.com too (a URI template: `{?name,label}`).
    const { data: release } = await octokit.rest.repos.getRelease({ ...ref, release_id: releaseId });
    const existing = await octokit.paginate(octokit.rest.repos.listReleaseAssets, { ...ref, release_id: releaseId, per_page: 100 });
    const urls = [];
    for (const file of files) {
        const base = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(file);
        const name = base.startsWith(prefix) ? base : prefix + base;
        for (const a of existing.filter((x) => x.name === name))
            await octokit.rest.repos.deleteReleaseAsset({ ...ref, asset_id: a.id });
        const data = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file);
        const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
            url: release.upload_url,
            ...ref,
            release_id: releaseId,
            name,
            // Octokit types the body as a string; it sends a Buffer as raw bytes.
            data: data,
            headers: { 'content-type': contentType(name), 'content-length': data.length }
        });
        urls.push(asset.browser_download_url);
    }
    return urls;
}
/**
 * Replaces (or, the first time, appends) this tool's marked section of a release body; text
 * outside it is kept. The section's own text cannot hold a marker (defused), so the end found
 * after the start is the section's end and a re-run gives the same body.
 */
function withSection(body, section) {
    const block = `${RELEASE_SECTION_START}\n${(0,_render_comment_markers_js__WEBPACK_IMPORTED_MODULE_2__/* .defuseMarkers */ .U)(section.trim())}\n${RELEASE_SECTION_END}`;
    const start = body.indexOf(RELEASE_SECTION_START);
    const end = start === -1 ? -1 : body.indexOf(RELEASE_SECTION_END, start + RELEASE_SECTION_START.length);
    const next = start !== -1 && end > start
        ? body.slice(0, start) + block + body.slice(end + RELEASE_SECTION_END.length)
        : `${body.trimEnd()}${body.trim() ? '\n\n' : ''}${block}\n`;
    return next.length > RELEASE_BODY_LIMIT ? body : next;
}
async function updateReleaseSection(octokit, ref, releaseId, section) {
    const { data } = await octokit.rest.repos.getRelease({ ...ref, release_id: releaseId });
    const body = withSection(data.body ?? '', section);
    if (body === (data.body ?? ''))
        return false;
    await octokit.rest.repos.updateRelease({ ...ref, release_id: releaseId, body });
    return true;
}


/***/ })

};
