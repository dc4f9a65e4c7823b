"""Writes reference.json: random texts and the GPT-2 token ids of each, computed independently of the C# code.

Pre-tokenisation uses GPT-2's pattern with the Python `regex` module (the engine GPT-2's encoder uses), so its
character classes (\\p{L}, \\p{N}, \\s) and its code-point semantics are the reference's own. The merges follow the
published algorithm: bytes mapped to GPT-2's printable characters, then repeatedly the adjacent pair with the lowest
rank in vocab.bpe is merged wherever it occurs, left to right, until no ranked pair remains.

Run from the repository root:  python3 tests/data/gpt2/make_reference.py
"""

import json
import random

import regex

DATA = "src/Bittensor.Models/Tokenization/Data/"
PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def printable_map():
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1)) + list(range(0xAE, 0xFF + 1))
    table = {}
    extra = 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


BYTE_CHAR = printable_map()
with open(DATA + "gpt2-encoder.json", encoding="utf-8") as f:
    VOCAB = json.load(f)
with open(DATA + "gpt2-vocab.bpe", encoding="utf-8") as f:
    lines = [line for line in f.read().split("\n")[1:] if line]
RANK = {tuple(line.split(" ")): i for i, line in enumerate(lines)}


def merge(symbols):
    while len(symbols) > 1:
        ranked = [(RANK.get((a, b), None), i) for i, (a, b) in enumerate(zip(symbols, symbols[1:]))]
        ranked = [(r, i) for r, i in ranked if r is not None]
        if not ranked:
            break
        rank, _ = min(ranked)
        left, right = lines[rank].split(" ")
        out = []
        i = 0
        while i < len(symbols):
            if i + 1 < len(symbols) and symbols[i] == left and symbols[i + 1] == right:
                out.append(left + right)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols


def encode(text):
    ids = []
    for piece in PATTERN.findall(text):
        symbols = [BYTE_CHAR[b] for b in piece.encode("utf-8")]
        ids.extend(VOCAB[s] for s in merge(symbols))
    return ids


# Characters whose Unicode category has been stable for many versions, from many classes and scripts.
RANGES = [
    (0x20, 0x7E), (0x20, 0x7E), (0x20, 0x7E), (0x09, 0x0D), (0xA0, 0xFF), (0x391, 0x3C9), (0x410, 0x44F),
    (0x5D0, 0x5EA), (0x660, 0x669), (0x966, 0x96F), (0x3041, 0x3096), (0x4E00, 0x4FFF), (0xAC00, 0xACFF),
    (0x2000, 0x200A), (0x2010, 0x2027), (0x2160, 0x2188), (0x2190, 0x21FF), (0x300, 0x36F), (0x1D400, 0x1D433),
    (0x1F600, 0x1F64F), (0x10107, 0x10133),
]
SPECIAL = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "  ", "   ", "\n\n", " \n", "\u3000", "\u2028", "\u0085", "\u001c"]


def random_text(rng):
    parts = []
    for _ in range(rng.randrange(0, 40)):
        if rng.random() < 0.15:
            parts.append(rng.choice(SPECIAL))
        else:
            lo, hi = rng.choice(RANGES)
            parts.append(chr(rng.randint(lo, hi)))
    return "".join(parts)


rng = random.Random(20240601)
cases = []
for _ in range(1500):
    text = random_text(rng)
    cases.append({"text": text, "ids": encode(text)})

with open("tests/data/gpt2/reference.json", "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=True, separators=(",", ":"))
    f.write("\n")
print(f"{len(cases)} cases, {sum(len(c['ids']) for c in cases)} ids")
