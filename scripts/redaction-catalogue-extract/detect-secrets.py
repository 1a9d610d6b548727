# Extracts detect-secrets' parametrized plugin test cases (tests/plugins/*_test.py) by parsing
# the Python test files with `ast` and evaluating only literal-like expressions (strings, tuples,
# .format(), module constants); anything else is listed as skipped.
# Usage: python3 detect-secrets.py <detect-secrets .git dir> <out.jsonl>
import os, ast, json, re, subprocess, sys, textwrap
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import *
GIT = sys.argv[1]
def git(*a): return subprocess.run(['git', '--git-dir', GIT, *a], capture_output=True, text=True, check=True).stdout
COMMIT = git('rev-parse', 'HEAD').strip()
files = [f for f in git('ls-tree', '--name-only', 'HEAD', 'tests/plugins/').split() if f.endswith('_test.py') and not f.endswith('base_test.py')]
OK_NODES = (ast.Expression, ast.Constant, ast.Tuple, ast.List, ast.BinOp, ast.Add, ast.Mod, ast.Mult, ast.Name, ast.Load, ast.Subscript, ast.Slice, ast.Call, ast.Attribute, ast.keyword, ast.JoinedStr, ast.FormattedValue, ast.UnaryOp, ast.USub)
OK_CALLS = {'format', 'dedent', 'join', 'upper', 'lower', 'encode', 'decode', 'b64encode', 'strip', 'replace'}
class Skip(Exception): pass
def ev(node, ns):
    for n in ast.walk(node):
        if not isinstance(n, OK_NODES): raise Skip(type(n).__name__)
        if isinstance(n, ast.Call):
            f = n.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, 'id', None)
            if name not in OK_CALLS: raise Skip('call ' + str(name))
        if isinstance(n, ast.Name) and n.id not in ns: raise Skip('name ' + n.id)
    return eval(compile(ast.Expression(node), '<case>', 'eval'), {'__builtins__': {}}, ns)
cases = []; skipped = []
for f in files:
    src = git('show', 'HEAD:' + f)
    tree = ast.parse(src)
    plugin = f.rsplit('/', 1)[1][:-len('_test.py')]
    ref = '%s@%s' % (f, COMMIT)
    import base64
    ns = {'textwrap': textwrap, 'base64': base64}
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            try: ns[st.targets[0].id] = ev(st.value, ns)
            except Exception as e: ns[st.targets[0].id + '__skipped'] = str(e)
    def add(pol, value, rule, secret=None):
        if not isinstance(value, str) or not value.strip(): return
        cases.append(case('detect-secrets', rule, plugin, pol, value, ref, secret))
    if plugin == 'keyword':
        for name, v in ns.items():
            if name.endswith('_TEST_CASES') and isinstance(v, list):
                group = name[:-len('_TEST_CASES')].lower()
                for item in v:
                    line, sec = item
                    add('positive' if sec else 'negative', line, 'keyword/' + group, sec)
        skipped += ['keyword LONG_LINE (random content)'] if 'LONG_LINE__skipped' in ns else []
        continue
    for node in ast.walk(tree):
        decos = getattr(node, 'decorator_list', [])
        for d in decos:
            if not (isinstance(d, ast.Call) and getattr(d.func, 'attr', '') == 'parametrize'): continue
            names = [x.strip() for x in ev(d.args[0], {}).split(',')]
            if names[:3] == ['plugin', 'non_secret', 'secret']:
                for row in d.args[1].elts:
                    cls = row.elts[0].id; non, sec = ev(row.elts[1], ns), ev(row.elts[2], ns)
                    add('positive', '"%s"' % sec, cls, sec); add('negative', '"%s"' % non, cls)
                continue
            try: rows = ev(d.args[1], ns)
            except Skip as e: skipped.append('%s %s: %s' % (f, names, e)); continue
            fn = node.name if hasattr(node, 'name') else '?'
            body = ast.get_source_segment(src, node) or ''
            if names[0] in ('payload', 'line', 'file_content', 'token') and len(names) <= 2:
                for row in rows:
                    if len(names) == 2:
                        value, flag = row
                        if not isinstance(flag, bool): continue
                    else:
                        value = row[0] if isinstance(row, tuple) else row
                        flag = not re.search(r'assert not|== 0\b|is False', body)
                    add('positive' if flag else 'negative', value, plugin + '/' + fn)
            else:
                skipped.append('%s %s (not a line case)' % (f, names))
out = write_jsonl(sys.argv[2], cases)
print(json.dumps({'commit': COMMIT, 'files': len(files), 'skipped': skipped, 'positives': sum(c['polarity'] == 'positive' for c in out), 'negatives': sum(c['polarity'] == 'negative' for c in out), 'placeholders': sum(bool(c.get('placeholder')) for c in out)}, indent=1))
