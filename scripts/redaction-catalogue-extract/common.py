# Shared helpers for the catalogue extractors (see fixtures/redaction/catalogue/SOURCES.md):
# a seeded generator of strings from a regex shape (Python's own regex parser), the placeholder
# rule, and the writer that cuts every value into parts of at most 9 characters.
import json, random, re, zlib
try:
    import re._parser as sre_parse
    import re._constants as C
except ImportError:  # pragma: no cover
    import sre_parse, sre_constants as C

def rng_for(*key):
    return random.Random(zlib.crc32('\0'.join(map(str, key)).encode()))

ALNUM = [chr(c) for c in range(48, 58)] + [chr(c) for c in range(65, 91)] + [chr(c) for c in range(97, 123)]
CATS = {
    C.CATEGORY_DIGIT: [chr(c) for c in range(48, 58)],
    C.CATEGORY_WORD: ALNUM + ['_'],
    C.CATEGORY_SPACE: [' '],
    C.CATEGORY_NOT_SPACE: ALNUM,
    C.CATEGORY_NOT_DIGIT: [c for c in ALNUM if not c.isdigit()],
    C.CATEGORY_NOT_WORD: ['-', '.', '/'],
}

def _choices(items):
    out = []; neg = False
    for op, av in items:
        if op is C.NEGATE: neg = True
        elif op is C.LITERAL: out.append(chr(av))
        elif op is C.RANGE: out += [chr(c) for c in range(av[0], av[1] + 1)]
        elif op is C.CATEGORY: out += CATS.get(av, ALNUM)
    if neg:
        s = set(out); out = [c for c in ALNUM if c not in s]
    return out or ALNUM

def _gen(parsed, r, out):
    for op, av in parsed:
        if op is C.LITERAL: out.append(chr(av))
        elif op is C.NOT_LITERAL: out.append(r.choice([c for c in ALNUM if ord(c) != av]))
        elif op is C.IN: out.append(r.choice(_choices(av)))
        elif op is C.ANY: out.append(r.choice(ALNUM))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, 'POSSESSIVE_REPEAT', None)):
            lo, hi, sub = av
            if hi is C.MAXREPEAT or hi > lo + 10: hi = lo + (10 if lo < 10 else 0)
            n = r.randint(lo, hi)
            for _ in range(n): _gen(sub, r, out)
        elif op is C.SUBPATTERN: _gen(av[-1], r, out)
        elif op is C.BRANCH: _gen(r.choice(av[1]), r, out)
        elif op is C.CATEGORY: out.append(r.choice(CATS.get(av, ALNUM)))
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT): pass
        elif op is C.GROUPREF: pass
        else: raise ValueError('unsupported regex op %s' % op)

def go_to_py_regex(rx):
    rx = rx.replace('\\z', '\\Z').replace('(?-i:', '(?:')
    rx = re.sub(r'\[\[:(\w+):\]\]', lambda m: {'alnum': '[A-Za-z0-9]', 'alpha': '[A-Za-z]', 'digit': '[0-9]', 'xdigit': '[0-9A-Fa-f]', 'space': '\\s', 'upper': '[A-Z]', 'lower': '[a-z]', 'word': '\\w', 'print': '[ -~]', 'graph': '[!-~]', 'punct': '[!-/:-@\\[-`{-~]'}.get(m.group(1), '.'), rx)
    rx = rx.replace('[:alnum:]', 'A-Za-z0-9').replace('[:xdigit:]', '0-9A-Fa-f').replace('[:digit:]', '0-9').replace('[:alpha:]', 'A-Za-z')
    # Go allows inline flags mid-pattern; Python only at the start: rewrite (?i) mid-pattern to a global flag
    if '(?i)' in rx[1:]:
        rx = '(?i)' + rx.replace('(?i)', '')
    return rx

def generate(regex, r):
    rx = go_to_py_regex(regex)
    flags = 0
    out = []
    _gen(sre_parse.parse(rx, flags), r, out)
    return ''.join(out)

def split_parts(value, r=None, size=9):
    """Cuts a value so no contiguous run over `size` characters of token alphabet sits in one part."""
    parts = []
    i = 0
    while i < len(value):
        parts.append(value[i:i + size]); i += size
    return parts or ['']

PLACEHOLDER_WORDS = re.compile(r'example|sample|dummy|placeholder|changeme|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)', re.I)
def placeholder_reason(secret):
    if PLACEHOLDER_WORDS.search(re.sub(r'[\w.-]*\bexample\.(?:com|net|org)\b', '', secret)): return 'word'
    if re.search(r'([xX*])\1{5,}', secret) or ('\n' not in secret and re.search(r'([A-Za-z0-9])\1{7,}', secret)): return 'masked-run'
    flat = secret.replace('\n', '')
    if len(flat) >= 8 and len(set(flat)) <= 3: return 'few-distinct'
    if '\n' not in secret and any(len(m.group(0)) >= 16 for m in re.finditer(r'(.{2,8})\1{2,}', secret, re.I)): return 'repeated-unit'
    for i in range(len(flat) - 7):
        seg = flat[i:i + 8]
        if all(ord(seg[k + 1]) - ord(seg[k]) == 1 for k in range(7)) and seg.isalnum(): return 'ascending-run'
    return None

RUN = re.compile(r'[^\s"\'`=:,;(){}<>\[\]]{8,}')
def heuristic_secret(value):
    m = re.search(r'://[^:/\s@]+:([^@\s]+)@', value)
    if m: return m.group(1)
    if '\n' in value:
        m = re.search(r'-----BEGIN[^\n]*-----[\s\S]*?(?:-----END[^\n]*-----|$)', value)
        return m.group(0) if m else value
    runs = RUN.findall(value)
    return max(runs, key=len) if runs else value

def case(scanner, rule, family, polarity, value, source, secret=None, generated=False, extra=None):
    extra = dict(extra or {})
    if polarity == 'positive' and 'secret_from' not in extra:
        extra['secret_from'] = 'scanner' if secret else 'heuristic'
        if not secret: secret = heuristic_secret(value)
    d = {'scanner': scanner, 'rule': rule, 'family': family, 'polarity': polarity, 'parts': split_parts(value)}
    if secret is not None and secret != value and secret in value:
        d['secret_parts'] = split_parts(secret)
    d['source'] = source
    if generated: d['generated'] = True
    if polarity == 'positive':
        reason = placeholder_reason(secret if secret else value)
        if reason: d['placeholder'] = True; d['placeholder_reason'] = reason
    if extra: d.update(extra)
    return d

def write_jsonl(path, cases):
    seen = set(); out = []
    for c in cases:
        k = (c['rule'], c['polarity'], ''.join(c['parts']))
        if k in seen: continue
        seen.add(k); out.append(c)
    with open(path, 'w') as f:
        for c in out: f.write(json.dumps(c, ensure_ascii=False) + '\n')
    return out
