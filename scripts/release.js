// Release checks and the major-tag move, shared by `npm run release:check` (with --dry-run) and
// .github/workflows/release.yml. Node built-ins only.
//
//   node scripts/release.js --dry-run            every check; prints the tag commands it would run
//   node scripts/release.js --checks-only        every check, nothing about tags (CI, before publishing)
//   node scripts/release.js --tag-only           check the tag against package.json, then move the major tag
//   options: --tag vX.Y.Z (default: GITHUB_REF_NAME on a tag run, else v<package.json version>)
//            --sha SHA    (default: GITHUB_SHA, else git rev-parse HEAD)
//            --skip-dist  (the workflow checks dist/ in its own step)
//            --notes-out FILE  write the version's CHANGELOG section there (the release notes)
//
// Checks: the tag is v<version of package.json>; CHANGELOG.md has a non-empty section for that
// version; dist/ is what the source builds (rebuilt in a temporary copy of the checkout, so the
// working tree is never touched); `npm pack` would ship bin/, lib/ (.js and .d.ts), README.md,
// LICENSE and package.json and nothing else. Exit code 0 when everything holds, 1 otherwise,
// 2 on a usage error.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  copyFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')
// npm and npx are scripts that run on the first `node` on PATH: make it this Node.
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false'
}

const SEMVER_TAG = /^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/

function usage(message) {
  console.error(`release: ${message}`)
  process.exit(2)
}

let args
try {
  args = parseArgs({
    options: {
      'dry-run': { type: 'boolean' },
      'checks-only': { type: 'boolean' },
      'tag-only': { type: 'boolean' },
      'skip-dist': { type: 'boolean' },
      tag: { type: 'string' },
      sha: { type: 'string' },
      'notes-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  }).values
} catch (e) {
  usage(e.message)
}
if (args.help) {
  console.log(
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .slice(0, 16)
      .map((l) => l.slice(3))
      .join('\n')
  )
  process.exit(0)
}
if (args['checks-only'] && args['tag-only']) usage('--checks-only and --tag-only exclude each other')

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const tag = args.tag ?? (process.env.GITHUB_REF_TYPE === 'tag' && process.env.GITHUB_REF_NAME ? process.env.GITHUB_REF_NAME : `v${pkg.version}`)
const dryRun = Boolean(args['dry-run'])

const problems = []
function check(name, fn) {
  try {
    const detail = fn()
    console.log(`ok    ${name}${detail ? `: ${detail}` : ''}`)
  } catch (e) {
    problems.push(name)
    console.log(`FAIL  ${name}: ${e.message}`)
  }
}

// --- the tag and the version ---------------------------------------------------------------
function checkTag() {
  const m = SEMVER_TAG.exec(tag)
  if (!m) throw new Error(`'${tag}' is not a version tag vMAJOR.MINOR.PATCH`)
  if (tag !== `v${pkg.version}`) throw new Error(`tag ${tag} does not match package.json version ${pkg.version} (expected v${pkg.version})`)
  return tag
}

// --- package.json ------------------------------------------------------------------------
function checkPackageJson() {
  // npm publish --provenance refuses a package whose repository is not the one that built it.
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url
  if (!url) throw new Error('no "repository" field: npm provenance needs { "type": "git", "url": "git+https://github.com/<owner>/<repo>.git" }')
  const here = process.env.GITHUB_REPOSITORY
  if (
    here &&
    !url
      .toLowerCase()
      .replace(/\.git$/, '')
      .endsWith(`github.com/${here.toLowerCase()}`)
  )
    throw new Error(`"repository" is ${url}, but this runs in ${here}`)
  if (pkg.private) throw new Error('"private": true would stop npm publish')
  return url
}

// --- CHANGELOG.md --------------------------------------------------------------------------
/** The body of `## [version]` (up to the next `## ` heading or the link references), or null. */
function changelogSection(text, version) {
  const lines = text.split(/\r?\n/)
  const esc = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const start = lines.findIndex((l) => new RegExp(`^## \\[?v?${esc}\\]?(\\s|$)`).test(l))
  if (start === -1) return null
  const body = []
  for (const l of lines.slice(start + 1)) {
    if (/^## /.test(l) || /^\[[^\]]+\]:\s/.test(l)) break
    body.push(l)
  }
  return body.join('\n').trim()
}

function checkChangelog() {
  const file = join(root, 'CHANGELOG.md')
  if (!existsSync(file)) throw new Error('CHANGELOG.md is missing')
  const section = changelogSection(readFileSync(file, 'utf8'), pkg.version)
  if (section === null) throw new Error(`no "## [${pkg.version}] - YYYY-MM-DD" section: move the [Unreleased] entries under it`)
  if (!section) throw new Error(`the [${pkg.version}] section is empty`)
  if (args['notes-out']) writeFileSync(args['notes-out'], section + '\n')
  return `section [${pkg.version}] has ${section.split('\n').filter((l) => /^\s*[-*] /.test(l)).length} entries${args['notes-out'] ? `; written to ${args['notes-out']}` : ''}`
}

// --- dist/ is current ----------------------------------------------------------------------
/** Copies a tree, hard-linking files (fast, no space) and falling back to a copy across devices. */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true })
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const a = join(from, e.name)
    const b = join(to, e.name)
    if (e.isSymbolicLink()) symlinkSync(readlinkSync(a), b)
    else if (e.isDirectory()) linkTree(a, b)
    else {
      try {
        linkSync(a, b)
      } catch {
        copyFileSync(a, b)
      }
    }
  }
}

function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split('\\').join('/')]
  )
}

function checkDist() {
  // The bundler numbers modules by their path relative to the checkout, so the copy has the same
  // layout as the checkout (node_modules included, as hard links), not a symbolic link to it.
  const work = mkdtempSync(join(tmpdir(), 'ai-log-trail-release-'))
  try {
    for (const f of ['package.json', 'tsconfig.json']) copyFileSync(join(root, f), join(work, f))
    cpSync(join(root, 'src'), join(work, 'src'), { recursive: true })
    linkTree(join(root, 'node_modules'), join(work, 'node_modules'))
    execFileSync(process.execPath, [join(root, 'scripts', 'bundle.js')], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const built = join(work, 'dist')
    const committed = join(root, 'dist')
    const a = new Set(listFiles(built))
    const b = new Set(listFiles(committed))
    const differ = [...new Set([...a, ...b])]
      .sort()
      .filter((f) => !a.has(f) || !b.has(f) || !readFileSync(join(built, f)).equals(readFileSync(join(committed, f))))
    if (differ.length)
      throw new Error(
        `dist/ is not what the source builds (${differ.slice(0, 8).join(', ')}${differ.length > 8 ? `, … ${differ.length - 8} more` : ''}): run 'npm run bundle' and commit dist/`
      )
    return `${a.size} files identical to a fresh build`
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

// --- the npm package -----------------------------------------------------------------------
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'bin/ai-log-trail.js', 'lib/index.js', 'lib/index.d.ts', 'lib/cli/main.js']

/** What is wrong with a package's file list (paths as `npm pack --json` gives them). */
function packProblems(files) {
  const out = []
  for (const f of REQUIRED) if (!files.includes(f)) out.push(`missing ${f}`)
  for (const f of files) {
    const allowed = ['package.json', 'README.md', 'LICENSE'].includes(f) || /^bin\/[^/]+\.js$/.test(f) || /^lib\/.+\.(js|d\.ts)$/.test(f)
    const forbidden = /(^|\/)(__tests__|fixtures|src|dist|node_modules)\//.test(f) || /\.(map|tsbuildinfo|sqlite)$/.test(f) || /\.test\.(js|d\.ts)$/.test(f)
    if (!allowed || forbidden) out.push(`should not ship ${f}`)
  }
  if (!files.some((f) => /^lib\/.+\.d\.ts$/.test(f))) out.push('no type declarations in lib/')
  return out
}

function checkPack() {
  const stdout = execFileSync('npm', ['pack', '--dry-run', '--json'], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024
  })
  const [info] = JSON.parse(stdout)
  const files = info.files.map((f) => f.path)
  const bad = packProblems(files)
  if (bad.length) throw new Error(bad.slice(0, 10).join('; ') + (bad.length > 10 ? `; … ${bad.length - 10} more` : ''))
  return `${info.id}: ${files.length} files, ${(info.size / 1024).toFixed(0)} KiB packed`
}

// --- the major tag -------------------------------------------------------------------------
function commitSha() {
  if (args.sha) return args.sha
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
}

function moveMajorTag() {
  const m = SEMVER_TAG.exec(tag)
  if (m[4] !== undefined) {
    console.log(`tag   ${tag} is a pre-release: the major tag v${m[1]} stays where it is`)
    return
  }
  const major = `v${m[1]}`
  const sha = commitSha()
  const commands = [
    ['git', 'tag', '-f', major, sha],
    ['git', 'push', '-f', 'origin', `refs/tags/${major}`]
  ]
  for (const c of commands) {
    if (dryRun) console.log(`would run: ${c.join(' ')}`)
    else {
      console.log(`run: ${c.join(' ')}`)
      execFileSync(c[0], c.slice(1), { cwd: root, stdio: 'inherit' })
    }
  }
  if (!dryRun) console.log(`tag   ${major} → ${sha}: 'uses: <owner>/${pkg.name}@${major}' now runs ${tag}`)
}

// --- run -----------------------------------------------------------------------------------
console.log(`release ${tag}${dryRun ? ' (dry run)' : ''}`)
check('tag matches package.json', checkTag)
if (!args['tag-only']) {
  check('package.json', checkPackageJson)
  check('CHANGELOG.md', checkChangelog)
  if (!args['skip-dist']) check('dist/ is current', checkDist)
  check('npm package contents', checkPack)
}
if (problems.length) {
  if (dryRun && !args['checks-only'] && SEMVER_TAG.test(tag)) moveMajorTag()
  console.log(`\n${problems.length} check(s) failed: ${problems.join(', ')}${args['checks-only'] ? '' : '; the major tag was not moved'}`)
  process.exit(1)
}
if (!args['checks-only']) moveMajorTag()
if (process.env.GITHUB_OUTPUT) {
  const pre = SEMVER_TAG.exec(tag)[4] !== undefined
  writeFileSync(process.env.GITHUB_OUTPUT, `version=${pkg.version}\nprerelease=${pre}\nnpm-dist-tag=${pre ? 'next' : 'latest'}\n`, { flag: 'a' })
}
