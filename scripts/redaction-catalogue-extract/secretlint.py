# Extracts the snapshot test cases of the rules in @secretlint/secretlint-rule-preset-recommend:
# a snapshot whose output.json reports messages gives positives (secret from the message data),
# one without messages gives negatives (one per token-bearing line; a key block stays whole).
# Usage: python3 secretlint.py <secretlint .git dir> <out.jsonl>
import os, json, re, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import *
GIT = sys.argv[1]
def git(*a, text=True): return subprocess.run(['git', '--git-dir', GIT, *a], capture_output=True, text=text, check=True).stdout
COMMIT = git('rev-parse', 'HEAD').strip()
pkg = json.loads(git('show', 'HEAD:packages/@secretlint/secretlint-rule-preset-recommend/package.json'))
rules = sorted(r for r in (k.split('/')[1] for k in {**pkg.get('dependencies', {}), **pkg.get('devDependencies', {})} if k.startswith('@secretlint/secretlint-rule-') and 'preset' not in k) if r != 'secretlint-rule-filter-comments')
files = git('ls-tree', '-r', '--name-only', 'HEAD', 'packages/@secretlint').split('\n')
TOKENISH = re.compile(r'[A-Za-z0-9+/=_\-.]{8,}')
cases = []; stats = {'snapshots': 0, 'skipped_with_options': 0, 'messages_without_secret': 0}
def lines_around(content, start, end):
    a = content.rfind('\n', 0, start) + 1
    b = content.find('\n', end); b = len(content) if b < 0 else b
    return content[a:b]
for rule in rules:
    fam = rule.replace('secretlint-rule-', '')
    prefixes = ['packages/@secretlint/%s/test/snapshots/' % rule, 'packages/@secretlint/secretlint-rule-preset-recommend/test/snapshots/%s/' % rule]
    META = {'output.json', 'options.ts', 'options.js', '.secretlintrc.json', 'options.json'}
    dirs = sorted({f.rsplit('/', 1)[0] for f in files if any(f.startswith(p) for p in prefixes) and f.endswith('/output.json')})
    for d in dirs:
        name = d.rsplit('/', 1)[1]
        inputs = sorted(f for f in files if f.startswith(d + '/') and '/' not in f[len(d) + 1:] and f.rsplit('/', 1)[1] not in META and f.rsplit('/', 1)[1] != 'README.md')
        # The tested file is input.* when there is one; a binary one (.p12) holds no text case.
        inputs = sorted(inputs, key=lambda f: not f.rsplit('/', 1)[1].startswith('input'))
        if not inputs or re.search(r'\.(p12|pfx|der|jks)$', inputs[0]): stats['binary_or_missing_input'] = stats.get('binary_or_missing_input', 0) + 1; continue
        stats['snapshots'] += 1
        out = json.loads(git('show', 'HEAD:' + d + '/output.json'))
        negative = len(out.get('messages', [])) == 0
        has_options = any(f.rsplit('/', 1)[1] in META - {'output.json'} for f in files if f.startswith(d + '/'))
        if negative and has_options:
            stats['skipped_with_options'] += 1; continue
        try: content = git('show', 'HEAD:' + inputs[0])
        except Exception: continue
        label = re.sub(r'^(ok|ng)\.', '', name)
        src = '%s@%s' % (inputs[0], COMMIT)
        if negative and '-----BEGIN' in content:
            cases.append(case('secretlint', fam + '/' + label, fam, 'negative', content.strip(), src))
            continue
        if negative:
            for line in content.split('\n'):
                if TOKENISH.search(line) and len(line.strip()) >= 8 and not re.match(r'\s*(#|//|<!--|/\*|\*)', line):
                    cases.append(case('secretlint', fam + '/' + label, fam, 'negative', line.strip(), src))
            continue
        for m in out.get('messages', []):
            cands = [v for v in (m.get('data') or {}).values() if isinstance(v, str) and len(v) >= 6 and v in content]
            if cands: secret = max(cands, key=len)
            else:
                r = m.get('range') or [0, 0]; secret = content[r[0]:r[1]]
                if len(secret) < 6: stats['messages_without_secret'] += 1; continue
            start = content.find(secret)
            value = lines_around(content, start, start + len(secret)).strip()
            cases.append(case('secretlint', fam + '/' + m.get('messageId', 'secret'), fam, 'positive', value, src, secret))
out = write_jsonl(sys.argv[2], cases)
print(json.dumps({'commit': COMMIT, 'rules': rules, **stats, 'positives': sum(c['polarity'] == 'positive' for c in out), 'negatives': sum(c['polarity'] == 'negative' for c in out), 'placeholders': sum(bool(c.get('placeholder')) for c in out)}))
