export const id = 206;
export const ids = [206,780];
export const modules = {

/***/ 71206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pullRequestFiles: () => (/* binding */ pullRequestFiles),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* unused harmony export isStickyComment */
/* harmony import */ var _render_comment_markers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66745);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8780);


/**
 * Whose comments this run may edit: the identity of the token. GITHUB_TOKEN cannot read
 * `/user`, and its comments are written as github-actions[bot].
 */
async function tokenLogin(octokit) {
    try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return data.login;
    }
    catch {
        return 'github-actions[bot]';
    }
}
/**
 * This tool's sticky comment: the marker opens the body (GitHub keeps a body as sent, but an
 * edit may add leading blank lines) and the token's identity wrote it. Another workflow's comment
 * by the same bot that quotes the marker further down is not ours.
 */
function isStickyComment(c, login) {
    return (c.body ?? '').trimStart().startsWith(_render_comment_markers_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMENT_MARKER */ .J) && c.user?.login === login;
}
/**
 * Creates or updates the one sticky comment on a pull request. The comment is found across
 * every page (see isStickyComment): a marked comment someone else wrote is never edited. No
 * failure is thrown: a refusal (a fork's read-only token) comes back as `forbidden`, anything
 * else as `failed`, for the caller to degrade gracefully.
 */
async function upsertComment(octokit, ref, issueNumber, body) {
    try {
        const login = await tokenLogin(octokit);
        let existing;
        for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...ref, issue_number: issueNumber, per_page: 100 })) {
            existing = page.data.find((c) => isStickyComment(c, login));
            if (existing)
                break;
        }
        if (existing) {
            if (existing.body === body)
                return { status: 'unchanged', url: existing.html_url, id: existing.id };
            const { data } = await octokit.rest.issues.updateComment({ ...ref, comment_id: existing.id, body });
            return { status: 'updated', url: data.html_url, id: data.id };
        }
        const { data } = await octokit.rest.issues.createComment({ ...ref, issue_number: issueNumber, body });
        return { status: 'created', url: data.html_url, id: data.id };
    }
    catch (e) {
        return { status: (0,_github_js__WEBPACK_IMPORTED_MODULE_0__.isRefused)(e) ? 'forbidden' : 'failed', message: (0,_github_js__WEBPACK_IMPORTED_MODULE_0__.describeError)(e) };
    }
}
/** The pull request's changed files (every page; GitHub lists at most 3,000); throws what the client could not get past. */
async function pullRequestFiles(octokit, ref, pullNumber) {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...ref, pull_number: pullNumber, per_page: 100 });
    return files.map((f) => f.filename);
}


/***/ }),

/***/ 8780:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describeError: () => (/* binding */ describeError),
  githubClient: () => (/* binding */ githubClient),
  isRateLimited: () => (/* binding */ isRateLimited),
  isRefused: () => (/* binding */ isRefused),
  statusOf: () => (/* binding */ statusOf)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;


;// CONCATENATED MODULE: ./src/publish/github.ts




/** The HTTP status of an Octokit error, or undefined for anything else. */
function statusOf(e) {
    const s = e.status;
    return typeof s === 'number' ? s : undefined;
}
function headerOf(e, name) {
    const v = e.response?.headers?.[name];
    return v === undefined || v === null ? undefined : String(v);
}
/**
 * GitHub answers a rate limit with 403 or 429: a secondary limit says so in its message (and
 * usually sends `retry-after`), a primary one sends `x-ratelimit-remaining: 0`. A 403 that is
 * neither is a refusal: the token may not do this (a fork's read-only token).
 */
function isRateLimited(e) {
    const status = statusOf(e);
    if (status === 429)
        return true;
    if (status !== 403)
        return false;
    return /rate limit/i.test(e.message ?? '') || headerOf(e, 'x-ratelimit-remaining') === '0' || headerOf(e, 'retry-after') !== undefined;
}
/** 403 (not a rate limit) or 404: what a token without the permission gets; never worth a retry. */
function isRefused(e) {
    const status = statusOf(e);
    return (status === 403 && !isRateLimited(e)) || status === 404;
}
/** The statuses plugin-retry leaves alone: client errors, and 403/429, which are plugin-throttling's. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/** Tries of one request after a rate limit, and the longest wait worth it inside a CI job. */
const RATE_LIMIT_RETRIES = 3;
const RATE_LIMIT_MAX_WAIT_S = 60;
function onLimit(kind) {
    return (retryAfter, options, _octokit, retryCount) => {
        const again = retryCount < RATE_LIMIT_RETRIES && retryAfter <= RATE_LIMIT_MAX_WAIT_S;
        core/* info */.pq(`GitHub ${kind} on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}`);
        return again;
    };
}
/**
 * The REST client the Action publishes with: `@actions/github`'s, with the retry and throttling
 * plugins the official toolkit pairs with it. Server errors (5xx) are retried with a growing
 * backoff; rate limits (403/429 that say so) wait for `retry-after` or the limit's reset.
 * `AI_LOG_TRAIL_RETRY_BASE_MS` shortens the 5xx backoff: the tests set it, nothing else should.
 */
function githubClient(token, baseUrl, env = process.env) {
    const base = /^\d+$/.test(env.AI_LOG_TRAIL_RETRY_BASE_MS ?? '') ? Number(env.AI_LOG_TRAIL_RETRY_BASE_MS) : undefined;
    return (0,github/* getOctokit */.Q)(token, {
        baseUrl,
        log: { debug: (m) => core/* debug */.Yz(m), info: (m) => core/* debug */.Yz(m), warn: (m) => core/* info */.pq(m), error: (m) => core/* info */.pq(m) },
        retry: { doNotRetry: DO_NOT_RETRY, ...(base === undefined ? {} : { retryAfterBaseValue: base }) },
        throttle: { onRateLimit: onLimit('rate limit'), onSecondaryRateLimit: onLimit('secondary rate limit') }
    }, dist_bundle/* retry */.L, throttling);
}
/** One line for a warning: the status and GitHub's message. */
function describeError(e) {
    const status = statusOf(e);
    const message = (e.message ?? String(e)).split('\n')[0].replace(/\s*-\s*https:\/\/docs\.github\.com\S*$/, '');
    return status ? `HTTP ${status}: ${message}` : message;
}


/***/ })

};
