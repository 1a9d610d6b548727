# Extracts gitleaks' rule test cases (tps/fps in cmd/generate/config/rules/*.go) by reading the
# Go source: a tokenizer and a small evaluator of the expressions the rules use (string literals,
# +, append, []string / map literals, utils.GenerateSampleSecret(s), secrets.NewSecret, utils.*
# pattern helpers). The shape of GenerateSampleSecret and of the semi-generic / unique-token regex
# builders follows gitleaks' cmd/generate/config/utils/generate.go (MIT, Copyright (c) 2019
# Zachary Rice). Needs the `regex` Python package for RE2-style patterns.
# Usage: python3 gitleaks.py <gitleaks .git dir> <out.jsonl>   (prints counts as JSON)
import os, re, subprocess, sys, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import *
import regex as regex_mod

GIT = sys.argv[1]
def git(*a): return subprocess.run(['git', '--git-dir', GIT, *a], capture_output=True, text=True, check=True).stdout
COMMIT = git('rev-parse', 'HEAD').strip()
DIR = 'cmd/generate/config/rules'
files = [f for f in git('ls-tree', '--name-only', 'HEAD', DIR + '/').split() if f.endswith('.go') and not f.endswith('_test.go')]

TOK = re.compile(r'(?P<ws>\s+)|(?P<comment>//[^\n]*|/\*.*?\*/)|(?P<raw>`[^`]*`)|(?P<str>"(?:\\.|[^"\\])*")|(?P<rune>\'(?:\\.|[^\'\\])\')|(?P<num>\d+)|(?P<ident>[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)|(?P<op>\.\.\.|:=|[-+*/(){}\[\],:=&!<>|;%.])', re.S)
def tokenize(src):
    toks = []; i = 0
    while i < len(src):
        m = TOK.match(src, i)
        if not m: toks.append(('op', src[i])); i += 1; continue
        i = m.end(); k = m.lastgroup
        if k in ('ws', 'comment'): continue
        toks.append((k, m.group()))
    return toks

def go_str(tok):
    k, v = tok
    if k == 'raw': return v[1:-1]
    return json.loads(re.sub(r'\\x([0-9a-fA-F]{2})', lambda m: '\\u00' + m.group(1), v.replace("\\'", "'"))) if k == 'str' else None

class Unsupported(Exception): pass

class S:  # a string value
    def __init__(s, v, gen=False, secret=None): s.v, s.gen, s.secret = v, gen, secret

PATTERNS = {'utils.Numeric': '[0-9]{%s}', 'utils.Hex': '[a-f0-9]{%s}', 'utils.AlphaNumeric': '[a-z0-9]{%s}',
            'utils.AlphaNumericExtendedShort': '[a-z0-9_-]{%s}', 'utils.AlphaNumericExtended': '[a-z0-9=_\\-]{%s}',
            'utils.AlphaNumericExtendedLong': '[a-z0-9\\/=_\\+\\-]{%s}'}

class P:
    def __init__(s, toks, i, env, key): s.t, s.i, s.env, s.key, s.n = toks, i, env, key, 0
    def peek(s, o=0): return s.t[s.i + o] if s.i + o < len(s.t) else ('eof', '')
    def eat(s, v=None):
        t = s.peek()
        if v is not None and t[1] != v: raise Unsupported('expected %s got %s' % (v, t))
        s.i += 1; return t
    def expr(s):
        v = s.term()
        while s.peek()[1] == '+':
            s.eat(); w = s.term()
            if not isinstance(v, S) or not isinstance(w, S): raise Unsupported('+ on list')
            v = S(v.v + w.v, v.gen or w.gen)
        return v
    def args(s):
        s.eat('('); out = []
        while s.peek()[1] != ')':
            a = s.expr()
            if s.peek()[1] == '...': s.eat(); a = ('spread', a)
            out.append(a)
            if s.peek()[1] == ',': s.eat()
        s.eat(')'); return out
    def elems(s, is_map=False):
        s.eat('{'); out = []
        while s.peek()[1] != '}':
            a = s.expr()
            if is_map: s.eat(':'); a = s.expr()
            out.append(a)
            if s.peek()[1] == ',': s.eat()
        s.eat('}'); return out
    def rx(s, x):
        if not isinstance(x, S): raise Unsupported('regex arg')
        s.n += 1
        return S(generate(x.v, rng_for(*s.key, s.n)), True)
    def term(s):
        k, v = s.peek()
        if k in ('raw', 'str'): s.eat(); return S(go_str((k, v)))
        if k == 'num': s.eat(); return S(v)
        if v == '[':
            s.eat('['); s.eat(']'); t = s.eat()
            if t[1] != 'string': raise Unsupported('slice type')
            return [e for e in s.elems()]
        if v == 'map':
            s.eat(); s.eat('['); s.eat('string'); s.eat(']'); s.eat('string')
            return s.elems(True)
        if v == '(':
            s.eat(); x = s.expr(); s.eat(')'); return x
        if k == 'ident':
            s.eat()
            if v in ('true', 'false'): return S(v)
            if s.peek()[1] != '(':
                if v in s.env: return s.env[v]
                raise Unsupported('unknown ident ' + v)
            a = s.args()
            if v == 'append':
                out = list(a[0])
                for x in a[1:]:
                    if isinstance(x, tuple): out += x[1]
                    else: out.append(x)
                return out
            if v in PATTERNS: return S(PATTERNS[v] % a[0].v)
            if v == 'utils.Hex8_4_4_4_12': return S('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
            if v == 'secrets.NewSecret': return s.rx(a[0])
            if v == 'newPlausibleSecret':
                for _ in range(50):
                    x = s.rx(a[0])
                    if re.search('[1-9]', x.v): return x
                return x
            if v in ('regexp.MustCompile', 'regexp.QuoteMeta') : return a[0]
            if v in ('utils.GenerateSampleSecret', 'utils.GenerateSampleSecrets'):
                i, sec = a[0].v, a[1]
                one = S('%s_api_token = "%s"' % (i, sec.v), sec.gen, sec.v)
                return one if v.endswith('Secret') else [one]
            if v == 'strings.Repeat': return S(a[0].v * int(a[1].v))
            if v == 'fmt.Sprintf':
                f = a[0].v
                vals = [x.v for x in a[1:]]
                return S(f.replace('%%', '\0') % tuple(vals) if '%' in f else f, any(x.gen for x in a[1:]))
            if v == 'utils.GenerateSemiGenericRegex':
                ids = [x.v for x in a[0]]; sec = a[1].v; ci = a[2].v == 'true' if len(a) > 2 else False
                ident = '[\\w.-]{0,50}?(?:' + '|'.join(ids) + ')(?:[ \\t\\w.-]{0,20})[\\s\'"]{0,3}'
                pre = '(?i)' + ident if ci else '[\\w.-]{0,50}?(?i:' + '|'.join(ids) + ')(?:[ \\t\\w.-]{0,20})[\\s\'"]{0,3}'
                return S(pre + '(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)' + '[\\x60\'"\\s=]{0,5}(' + sec + ')(?:[\\x60\'"\\s;]|\\\\[nr]|$)')
            if v == 'utils.GenerateUniqueTokenRegex':
                ci = a[1].v == 'true' if len(a) > 1 else False
                return S(('(?i)' if ci else '') + '\\b(' + a[0].v + ')(?:[\\x60\'"\\s;]|\\\\[nr]|$)')
            if v == 'utils.MergeRegexps': return S('|'.join(x.v for x in a))
            raise Unsupported('call ' + v)
        raise Unsupported('token %s' % (v,))

def func_blocks(src):
    starts = [m for m in re.finditer(r'^func (\w+)\(\) \*config\.Rule \{', src, re.M)]
    allf = [m.start() for m in re.finditer(r'^func ', src, re.M)] + [len(src)]
    for m in starts:
        end = min(x for x in allf if x > m.start())
        yield m.group(1), src[m.start():end]

def secret_by_regex(text, regex, group):
    if not regex: return None
    try: rx = regex_mod.compile(go_to_py_regex(regex))
    except Exception: return None
    m = rx.search(text)
    if not m: return None
    if group and group <= rx.groups: return m.group(group) or m.group(0)
    return next((g for g in m.groups() if g), m.group(0))

cases = []; stats = {'rules': 0, 'unsupported': [], 'path_only': 0}
for f in files:
    src = git('show', 'HEAD:' + f)
    family = os.path.basename(f)[:-3]
    pkg_env = {}
    for m in re.finditer(r'^var (\w+) = ', src, re.M):
        ft = tokenize(src[m.end():m.end() + 20000])
        try: pkg_env[m.group(1)] = P(ft, 0, pkg_env, (f, m.group(1))).expr()
        except Exception: pass
    for fname, body in func_blocks(src):
        rid = re.search(r'RuleID:\s*"([^"]+)"', body)
        if not rid: continue
        rule = rid.group(1); stats['rules'] += 1
        key = (f, rule)
        toks = tokenize(body)
        env = dict(pkg_env)
        kw = re.search(r'Keywords:\s*\[\]string\{([^}]*)\}', body)
        keywords = re.findall(r'"([^"]*)"', kw.group(1)) if kw else []
        p = P(toks, 0, env, key)
        j = 0
        while j < len(toks) - 2:
            t = toks[j]
            if t[0] == 'ident' and '.' not in t[1] and toks[j + 1][1] in (':=', '=') and t[1] != 'r':
                p.i = j + 2
                try:
                    env[t[1]] = p.expr(); j = p.i; continue
                except Exception as e:
                    if t[1] in ('tps', 'fps'): stats['unsupported'].append('%s %s: %s' % (rule, t[1], e))
            j += 1
        regex = None; group = None
        # the rule's regex, for locating the secret in literal cases
        for j, t in enumerate(toks):
            if t == ('ident', 'Regex') and toks[j + 1][1] == ':':
                try: regex = P(toks, j + 2, dict(env), key + ('rx',)).expr().v
                except Exception as e: regex = None
            if t == ('ident', 'SecretGroup') and toks[j + 1][1] == ':': group = int(toks[j + 2][1])
        src_ref = '%s@%s' % (f, COMMIT)
        for pol, name in (('positive', 'tps'), ('negative', 'fps')):
            vals = env.get(name, [])
            if isinstance(vals, S): vals = [vals]
            for x in vals:
                if not isinstance(x, S): continue
                if x.v == '': stats['path_only'] += 1; continue
                sec = x.secret
                how = 'generator'
                if sec is None and pol == 'positive':
                    sec = secret_by_regex(x.v, regex, group); how = 'regex' if sec else 'whole'
                extra = {'keywords': keywords} if keywords else {}
                if pol == 'positive': extra['secret_from'] = how
                cases.append(case('gitleaks', rule, family, pol, x.v, src_ref, sec, x.gen, extra))
out = write_jsonl(sys.argv[2], cases)
print(json.dumps({'commit': COMMIT, 'rules': stats['rules'], 'path_only_skipped': stats['path_only'], 'unsupported': stats['unsupported'],
  'positives': sum(c['polarity'] == 'positive' for c in out), 'negatives': sum(c['polarity'] == 'negative' for c in out),
  'generated': sum(bool(c.get('generated')) for c in out), 'placeholders': sum(bool(c.get('placeholder')) for c in out),
  'secret_from': {k: sum(c.get('secret_from') == k for c in out) for k in ('generator', 'regex', 'whole')}}, indent=1))
