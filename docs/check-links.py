#!/usr/bin/env python3
"""Check every relative Markdown link and image in the given .md files: the target exists and, for #anchors
into .md files, a heading with that GitHub slug exists. Run from the repository root:
    python3 docs/check-links.py README.md */README.md docs/*.md docs/*/*.md SECURITY.md"""
import re, sys, os, unicodedata
def slug(h):
    h = re.sub(r'[`*_]', '', h.strip().lower())
    h = ''.join(c for c in h if c.isalnum() or c in ' -' or unicodedata.category(c).startswith('L'))
    return h.replace(' ', '-')
def anchors(path):
    out=set(); fence=False
    for l in open(path, encoding='utf-8'):
        if l.startswith('```'): fence = not fence
        if not fence and re.match(r'#{1,6} ', l): out.add(slug(l.lstrip('#').strip()))
    return out
bad = 0
for md in sys.argv[1:]:
    text = open(md, encoding='utf-8').read()
    text = re.sub(r'```.*?```', '', text, flags=re.S)      # no links inside code blocks
    for m in re.finditer(r'!?\[[^\]]*\]\(([^)\s]+)\)', text):
        t = m.group(1)
        if re.match(r'[a-z]+:', t): continue               # http:, mailto:
        path, _, frag = t.partition('#')
        target = os.path.normpath(os.path.join(os.path.dirname(md), path)) if path else md
        if not os.path.exists(target):
            print(f"{md}: missing {t}"); bad += 1; continue
        if frag and target.endswith('.md') and frag not in anchors(target):
            print(f"{md}: no heading #{frag} in {target}"); bad += 1
print(f"{bad} broken"); sys.exit(1 if bad else 0)
