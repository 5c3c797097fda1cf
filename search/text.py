"""Words as search compares them: the same normalisation for what is indexed and what is typed.

A text is NFKC-normalised and case-folded; Latin letters lose their accents, and the
Norwegian letters become what a keyboard without them types (ø → o, å → a, æ → ae);
Devanagari loses the nukta (ज़ → ज) and chandrabindu is anusvara (ँ → ं); apostrophes inside
words go (обов’язки → обовязки); every decimal digit is an ASCII one; a word that mixes Latin
and Cyrillic letters (СSАТ typed on a Cyrillic keyboard) has its Cyrillic look-alikes made
Latin. A word is a run of letters, combining marks and digits (Devanagari vowel signs and
viramas are marks: they stay inside the word).

How a typed word matches a word of a text (`quality`), in the same way on every database:
the same word; a word that starts with it (manager → managers); the same start, for
inflections and particles (менеджером → менеджер, 관리자는 → 관리자, प्रबंधकों → प्रबंधक,
kundestøttelederen → kundestøtteleder); one typo in a word of five letters or more (Hangul
counted in its letters, the jamo).
"""

import math
import re
import sys
import unicodedata
from functools import lru_cache

# Words of this many characters or more may have one typo.
TYPO_LETTERS = 5

# How good a match of a typed word is, by kind: the same word; a longer one starting with it;
# a word one typo away; the same start (an inflection: from INFLECTED up to just under
# TYPO, the more of the word shared the better); the same stem (PostgreSQL's stemming); one
# typo away from the start of a longer word.
EXACT, PREFIX, TYPO, INFLECTED, STEM, TYPO_IN_START = 1.0, 0.9, 0.8, 0.7, 0.75, 0.6


def _marks_class():
    """The combining marks (Mn, Mc, Me) as a regular-expression class of ranges."""
    ranges, start, previous = [], None, None
    for code in range(0x300, min(sys.maxunicode, 0x2FFFF) + 1):
        if unicodedata.category(chr(code)).startswith("M"):
            if start is None:
                start = code
            elif code != previous + 1:
                ranges.append((start, previous))
                start = code
            previous = code
    ranges.append((start, previous))
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


# A word: letters, digits and the marks that belong to them; inside it, apostrophes
# (обов’язки) and the invisible joiners Devanagari typing leaves (ZWJ, ZWNJ, soft hyphens).
_LETTER = rf"(?:[^\W_]|[{_marks_class()}])"
_INSIDE = "['’ʼ`´\u00ad\u200c\u200d]"
_WORD = re.compile(rf"{_LETTER}+(?:{_INSIDE}+{_LETTER}+)*")
_NOT_IN_WORDS = re.compile(_INSIDE)


def _latin_table():
    table = {"ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if char in table or not unicodedata.name(char, "").startswith("LATIN"):
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if base != char and base.isascii():
            table[char] = base.lower()
    return str.maketrans(table)


_LATIN = _latin_table()
_DEVANAGARI = str.maketrans({"\u093c": None, "\u0901": "\u0902"})
# Cyrillic letters (case-folded) whose capitals look like Latin capitals: С А Е О Р Х К М Н
# В Т І Ј Ѕ У.
_LOOKALIKES = str.maketrans("асеорхкмнвтіјѕу", "aceopxkmhbtijsy")


def _is_latin(char):
    return "a" <= char <= "z" or unicodedata.name(char, "").startswith("LATIN")


def _is_cyrillic(char):
    return "\u0400" <= char <= "\u04ff"


def _digits(word):
    if word.isascii():
        return word
    return "".join(
        str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in word
    )


@lru_cache(maxsize=65536)
def fold(word):
    """One word as it is compared."""
    if word.isascii():
        return word.lower().replace("'", "").replace("`", "")
    word = unicodedata.normalize("NFKC", _NOT_IN_WORDS.sub("", word)).casefold()
    word = unicodedata.normalize("NFC", word.translate(_LATIN).translate(_DEVANAGARI))
    if any(map(_is_cyrillic, word)) and any(map(_is_latin, word)):
        word = word.translate(_LOOKALIKES)
    return _digits(word)


def tokens(text):
    """(start, end, word as compared) of every word of `text`, positions in `text` itself."""
    for match in _WORD.finditer(text or ""):
        word = fold(match.group())
        if word:
            yield match.start(), match.end(), word


def words(text):
    """The words of `text`, as compared (what tokens() gives, without the positions: indexing
    calls this for every text published)."""
    return [word for match in _WORD.finditer(text or "") if (word := fold(match.group()))]


def normalised(text):
    """The words of `text` as compared, each with a space before and after: " a b c ". A
    word's start is then a space and the word: what both databases' indexes look for."""
    found = words(text)
    return f" {' '.join(found)} " if found else ""


# Matching one typed word ----------------------------------------------------------------------


def is_hangul(word):
    return "\uac00" <= word[0] <= "\ud7a3"


def letters(word):
    """Its length in letters: Hangul syllables count their jamo."""
    if is_hangul(word):
        return len(unicodedata.normalize("NFD", word))
    return len(word)


def shared_start(word):
    """How much of a word's start an inflected form keeps: Hangul syllables carry more than
    letters do, and a Korean particle is one or two of them."""
    if is_hangul(word):
        return max(2, math.ceil(0.5 * len(word)))
    return max(3, math.ceil(0.6 * len(word)))


def probe(word):
    """The start of a word every form of it begins with, with the space before it."""
    return " " + word[: shared_start(word)]


def typo_probes(word):
    """Parts of `word` at least one of which any word one typo away from it contains: its
    first half (at a word's start), or what follows the middle letter. Parts too short for
    the indexes' trigrams are left out."""
    if letters(word) < TYPO_LETTERS:
        return []
    half = len(word) // 2
    found = [" " + word[:half]]
    rest = word[half + 1 :] if len(word) - half - 1 >= 3 else word[half:]
    found.append(rest)
    return [p for p in found if len(p) >= 3]


def _common_start(a, b):
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def one_edit(a, b):
    """Whether `a` and `b` are at most one substitution, insertion, deletion or swap of two
    neighbours apart (O(n), the Damerau distance ≤ 1)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = _common_start(a, b)
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


@lru_cache(maxsize=4096)
def _jamo(word):
    return unicodedata.normalize("NFD", word)


def typo_quality(typed, word):
    """TYPO when one typo apart, TYPO_IN_START when one typo apart from the start of a
    longer word (a typo in an inflected form), else 0."""
    if letters(typed) < TYPO_LETTERS:
        return 0.0
    a, b = (_jamo(typed), _jamo(word)) if is_hangul(typed) else (typed, word)
    if one_edit(a, b):
        return TYPO
    if len(b) > len(a) + 1 and (one_edit(a, b[: len(a)]) or one_edit(a, b[: len(a) + 1])):
        return TYPO_IN_START
    return 0.0


def _candidates(pattern, text):
    return {match.group(1) for match in pattern.finditer(text)}


@lru_cache(maxsize=1024)
def _patterns(typed):
    start = typed[: shared_start(typed)]
    return (
        re.compile(f" ({re.escape(start)}\\S*)"),
        [
            re.compile(
                f" ({re.escape(p[1:])}\\S*)" if p.startswith(" ") else f" (\\S*{re.escape(p)}\\S*)"
            )
            for p in typo_probes(typed)
        ],
    )


def quality(typed, text):
    """How well `typed` (a word as compared) matches a text prepared by normalised(), and
    the text's words it matched: (0.0, set()) when none."""
    if not text:
        return 0.0, set()
    if f" {typed} " in text:
        return EXACT, {typed}
    starting, typo_patterns = _patterns(typed)
    if f" {typed}" in text:
        return PREFIX, {w for w in _candidates(starting, text) if w.startswith(typed)}
    best, matched = 0.0, set()
    if len(typed) >= 2:
        need = shared_start(typed)
        ratio = 0.5 if is_hangul(typed) else 0.6
        for word in _candidates(starting, text):
            common = _common_start(typed, word)
            longest = max(len(typed), len(word))
            if common >= need and common >= ratio * longest:
                score = INFLECTED + (TYPO - INFLECTED) * 0.99 * common / longest
                if score > best:
                    best, matched = score, {word}
                elif score == best:
                    matched.add(word)
    if best >= TYPO:
        return best, matched
    typos = {}
    for pattern in typo_patterns:
        for word in _candidates(pattern, text):
            score = typo_quality(typed, word)
            if score:
                typos.setdefault(score, set()).add(word)
    if typos and max(typos) > best:
        best = max(typos)
        matched = typos[best]
    return best, matched


def trigrams(text):
    """The trigrams of each word with the space before and after it, as pg_trgm takes them."""
    found = set()
    for word in words(text):
        padded = f"  {word} "
        found |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return found


def similarity(a, b):
    """pg_trgm's similarity: shared trigrams over all trigrams of both."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
