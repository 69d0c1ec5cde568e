"""The word shingler a Python user of datasketch or rensa would write.

Lowercase, regex word tokens (``\\w+``: letters, digits and underscore, Unicode-aware), word 5-grams joined with
one space, as a set (MinHash is a set sketch, so repeats add nothing). A text with fewer than five words is one
shingle of all its words; an empty text has no shingle.

This is deliberately the plain, obvious shingler and not dedup's tokenizer (NFKC, case folding, XXH3 over the
shingle): a peer's user gets what they write. gaoya does not use it (it has its own Rust tokenizer, driven with
``analyzer='word', ngram_range=(5, 5)``).
"""

import re

SHINGLE_SIZE = 5

_WORD = re.compile(r"\w+")


def words(text: str) -> list:
    return _WORD.findall(text.lower())


def shingles(text: str, size: int = SHINGLE_SIZE) -> set:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def shingle_bytes(text: str, size: int = SHINGLE_SIZE) -> list:
    """The shingles as UTF-8 bytes, the input datasketch's ``update``/``update_batch`` take."""
    return [s.encode("utf8") for s in shingles(text, size)]
