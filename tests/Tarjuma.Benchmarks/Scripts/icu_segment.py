#!/usr/bin/env python3
"""The baseline the `segment-process` benchmark compares `tarjuma segment` with: ICU's sentence
BreakIterator (PyICU; Debian package python3-icu) over a whole text file.

Reads stdin as UTF-8 and writes one sentence per line to stdout, as `tarjuma segment` does: each
segment stripped of surrounding whitespace, its line breaks turned into spaces, empty ones dropped.
The locale is the first argument (default `tg`). ICU has no Tajik sentence tailoring, so `tg` runs
the root rules (UAX #29); `ru@ss=standard` would add ICU's Russian abbreviation suppressions.
"""
import re
import sys

import icu

LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def main() -> int:
    locale = sys.argv[1] if len(sys.argv) > 1 else "tg"
    text = sys.stdin.buffer.read().decode("utf-8")
    iterator = icu.BreakIterator.createSentenceInstance(icu.Locale(locale))
    iterator.setText(text)
    # ICU's offsets are UTF-16; they equal Python's code-point offsets when the text is all BMP.
    wide = icu.UnicodeString(text) if ASTRAL.search(text) else None
    out = sys.stdout
    start = iterator.first()
    for end in iterator:
        segment = str(wide[start:end]) if wide is not None else text[start:end]
        start = end
        segment = segment.strip()
        if segment:
            out.write(LINE_BREAKS.sub(" ", segment) if "\n" in segment or "\r" in segment else segment)
            out.write("\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
