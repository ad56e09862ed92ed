#!/usr/bin/env python3
"""Mechanical wrapping of C# lines over MAX characters (src/ and tests/, bin/ and obj/ left out).

Breaks only where C# allows a line break: at spaces outside string and character literals and
comments (after ", ", before binary operators, before "." of a call chain, after "=>" and "=",
before a trailing // comment); a literal that alone is too long is split at a space inside it
into "a " + "b" (interpolated parts keep their $). Comment lines are refilled at words, never
inside an XML tag. Continuation lines are indented 4 more than the line they come from.
Prints what it could not wrap (raw-string data, verbatim strings, $"..." inside Invariant(...)): those
are wrapped by hand. Run `dotnet format Tarjuma.slnx --severity warn` after it (it re-lays wrapped
object initializers). Usage: python3 wrap-long-lines.py [repository root] [--check]
"""
import os
import re
import sys

MAX = 160


def scan(line):
    """Per-character state of one line: 'c' code, 's' literal text, 'h' interpolation hole code,
    'm' comment; also the literal spans (start, end, kind) with kind '"', '$"', '@"', "'"."""
    state = []
    spans = []
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if line.startswith('//', i):
            state += ['m'] * (n - i)
            break
        if line.startswith('"""', i) or line.startswith('$"""', i) or line.startswith('$$"""', i):
            return None  # raw strings: leave the line alone
        if ch in '@$' and (line.startswith('@"', i) or line.startswith('$@"', i) or line.startswith('@$"', i)):
            return None  # verbatim strings may span lines: leave the line alone
        if ch == '$' and line.startswith('$"', i):
            start = i
            state += ['s', 's']
            i += 2
            depth = 0
            while i < n:
                c = line[i]
                if depth == 0:
                    if c == '\\':
                        state += ['s', 's']
                        i += 2
                        continue
                    if line.startswith('{{', i) or line.startswith('}}', i):
                        state += ['s', 's']
                        i += 2
                        continue
                    if c == '{':
                        depth = 1
                        state.append('h')
                        i += 1
                        continue
                    state.append('s')
                    i += 1
                    if c == '"':
                        break
                else:
                    if c == '"':
                        # a string inside a hole
                        j = i + 1
                        while j < n and line[j] != '"':
                            j += 2 if line[j] == '\\' else 1
                        state += ['h'] * (j + 1 - i)
                        i = j + 1
                        continue
                    if c == '{':
                        depth += 1
                    elif c == '}':
                        depth -= 1
                    state.append('h')
                    i += 1
            spans.append((start, i, '$"'))
            continue
        if ch == '"':
            start = i
            state.append('s')
            i += 1
            while i < n:
                c = line[i]
                if c == '\\':
                    state += ['s', 's']
                    i += 2
                    continue
                state.append('s')
                i += 1
                if c == '"':
                    break
            spans.append((start, i, '"'))
            continue
        if ch == "'":
            start = i
            j = i + 1
            while j < n and line[j] != "'":
                j += 2 if line[j] == '\\' else 1
            state += ['s'] * (j + 1 - i)
            i = j + 1
            spans.append((start, i, "'"))
            continue
        state.append('c')
        i += 1
    return state[:n], spans


OPS_BEFORE = [' && ', ' || ', ' ?? ', ' ? ', ' : ', ' + ', ' - ', ' * ', ' with ', ' is ', ' or ', ' and ']


def candidates(line, state):
    """(position, priority): break before position (the text from position goes to the next line)."""
    out = []
    n = len(line)
    for i in range(n):
        if state[i] not in 'c':
            continue
        ch = line[i]
        if ch == ',' and i + 1 < n and line[i + 1] == ' ' and state[i + 1] == 'c':
            out.append((i + 2, 3))
        if ch == ' ':
            for op in OPS_BEFORE:
                if line.startswith(op, i) and all(s == 'c' for s in state[i:i + len(op)]):
                    out.append((i + 1, 2))
            if line.startswith(' => ', i) and all(s == 'c' for s in state[i:i + 4]):
                out.append((i + 4, 2))
            if line.startswith(' = ', i) and all(s == 'c' for s in state[i:i + 3]):
                out.append((i + 3, 1))
            if line.startswith(' //', i) and state[i + 1] == 'm':
                out.append((i + 1, 4))
        if ch == '.' and i > 0 and state[i - 1] == 'c' and (line[i - 1] == ')' or line[i - 1].isalnum() or line[i - 1] in '_]>') \
                and i + 1 < n and (line[i + 1].isalpha() or line[i + 1] == '_') and not line[i - 1].isdigit():
            # a member access: keep short qualifiers (System.Text) together by needing a call after it
            m = re.match(r'\.[A-Za-z_]\w*(<[^()]*>)?\(', line[i:])
            if m:
                out.append((i, 1))
        if ch == '(' and i + 1 < n and line[i + 1] != ')':
            out.append((i + 1, 0))
    return out


def indent_of(line):
    return len(line) - len(line.lstrip(' '))


def wrap_comment(line):
    ind = indent_of(line)
    stripped = line.lstrip(' ')
    prefix = '/// ' if stripped.startswith('///') else '// '
    marker = prefix.strip()
    text = stripped[len(marker):].lstrip(' ')
    # words, never splitting inside an XML tag
    words = []
    cur = ''
    intag = False
    for ch in text:
        if ch == '<':
            intag = True
        elif ch == '>':
            intag = False
        if ch == ' ' and not intag:
            words.append(cur)
            cur = ''
        else:
            cur += ch
    words.append(cur)
    lines = []
    cur = ' ' * ind + prefix
    base = cur
    for w in words:
        if cur != base and len(cur) + len(w) > MAX:
            lines.append(cur.rstrip())
            cur = base
        cur += w + ' '
    lines.append(cur.rstrip())
    if any(len(x) > MAX for x in lines):
        return None
    return lines


def split_literal(line, spans, limit, guarded):
    """Splits the literal that crosses limit at a space in its text: returns (first, rest) or None."""
    state = scan(line)[0]
    for start, end, kind in spans:
        if kind == "'" or not (start < limit < end):
            continue
        if kind == '$"' and (guarded or re.search(r'Invariant\(|FormattableString', line[:start])):
            continue  # $"a" + $"b" is a string, not one FormattableString: left for a person
        body_start = start + (2 if kind == '$"' else 1)
        best = None
        for j in range(body_start + 1, min(end - 1, limit - 3)):
            if line[j - 1] == ' ' and state[j - 1] == 's' and state[j] == 's' and line[j] != '"':
                # not after a backslash escape of the space (there is none in C#), not inside a hole
                best = j
        if best is None or best - body_start < 10:
            continue
        first = line[:best] + '"'
        second_body = line[best:end]
        # both parts keep their $: "$a + $b" still converts to one interpolated string handler (string.Create)
        prefix = '$"' if kind == '$"' else '"'
        rest = '+ ' + prefix + second_body + line[end:]
        return first, rest
    return None


def wrap_code(line, depth=0, guarded=False):
    if len(line) <= MAX:
        return [line]
    if depth > 12:
        return None
    scanned = scan(line)
    if scanned is None:
        return None
    state, spans = scanned
    guarded = guarded or bool(re.search(r'Invariant\(|FormattableString', line))
    ind = indent_of(line)
    cont = ' ' * (ind + 4)
    cands = [(p, pr) for p, pr in candidates(line, state) if ind + 12 < p and len(line[:p].rstrip()) <= MAX]
    if cands:
        # the rightmost break of the best kind within the last 60 characters; else the rightmost at all
        best_pr = max(pr for p, pr in cands if p >= max(c[0] for c in cands) - 60)
        p = max(p for p, pr in cands if pr == best_pr and p >= max(c[0] for c in cands) - 60)
        first = line[:p].rstrip()
        rest = cont + line[p:].lstrip(' ')
        if len(rest.strip()) == 0:
            return None
        tail = wrap_code(rest, depth + 1, guarded)
        return None if tail is None else [first] + tail
    split = split_literal(line, spans, MAX - 2, guarded)
    if split:
        first, rest = split
        tail = wrap_code(cont + rest, depth + 1, guarded)
        return None if tail is None else [first] + tail
    return None


def wrap_file(path, check):
    with open(path, encoding='utf-8-sig') as f:
        raw = f.read()
    bom = open(path, 'rb').read(3) == b'\xef\xbb\xbf'
    lines = raw.split('\n')
    out = []
    failed = []
    in_multiline = False
    for number, line in enumerate(lines, 1):
        # multi-line raw or verbatim strings: never touched
        if line.count('"""') % 2 == 1:
            in_multiline = not in_multiline
        if len(line) <= MAX or in_multiline:
            if len(line) > MAX:
                failed.append(number)
            out.append(line)
            continue
        stripped = line.lstrip(' ')
        wrapped = wrap_comment(line) if stripped.startswith('//') else wrap_code(line)
        if wrapped is None:
            failed.append(number)
            out.append(line)
        else:
            out.extend(wrapped)
    if not check and out != lines:
        with open(path, 'w', encoding='utf-8-sig' if bom else 'utf-8', newline='') as f:
            f.write('\n'.join(out))
    return failed, sum(1 for x in lines if len(x) > MAX)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    check = '--check' in sys.argv
    root = args[0] if args else '.'
    total = 0
    for folder in ('src', 'tests'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = [d for d in dirnames if d not in ('bin', 'obj')]
            for name in filenames:
                if name.endswith('.cs'):
                    path = os.path.join(dirpath, name)
                    failed, count = wrap_file(path, check)
                    total += count
                    for number in failed:
                        print(f'not wrapped: {os.path.relpath(path, root)}:{number}')
    print(f'{total} lines over {MAX} before')


if __name__ == '__main__':
    main()
