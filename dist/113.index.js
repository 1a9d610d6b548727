export const id = 113;
export const ids = [113];
export const modules = {

/***/ 96113:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubTarget: () => (/* binding */ githubTarget)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77094);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61351);
/* harmony import */ var _publish_comment_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3349);



/** What this run of the workflow is about, from the event payload GitHub hands the Action. */
function githubTarget() {
    const payload = _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.payload;
    const repoEnv = process.env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = repoEnv.split('/');
    const token = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('github-token');
    const ref = { owner, repo };
    let octokit;
    const client = () => (octokit ??= (0,_actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q)(token, { baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com' }));
    return {
        ref,
        hasRepo: Boolean(owner && repo),
        pullNumber: payload.pull_request?.number ?? null,
        releaseId: _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.eventName === 'release' ? (payload.release?.id ?? null) : null,
        eventName: _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._.eventName,
        client,
        changedFiles: async () => {
            if (!payload.pull_request?.number || !owner)
                return null;
            const files = await (0,_publish_comment_js__WEBPACK_IMPORTED_MODULE_2__/* .pullRequestFiles */ .s)(client(), ref, payload.pull_request.number);
            if (files === null)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e('could not list the pull request files (read-only token?); the comment will not say which changed files agents touched');
            return files;
        }
    };
}


/***/ })

};
