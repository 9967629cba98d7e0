#!/usr/bin/env python3
"""Reference for bs::sampleRows (core/data/sampling.h), used to make the expected values in
test_dataset_selection.cpp: splitmix64 seeded with `seed`, unbiased bounded draws by
rejection, a partial Fisher-Yates shuffle of 0..n-1, the first k slots sorted.

    python3 sampling_reference.py N K SEED   -> the kept positions
    python3 sampling_reference.py --raw SEED COUNT -> the first COUNT splitmix64 outputs
"""
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            r = self.next()
            if r >= threshold:
                return r % bound


def sample_rows(n, k, seed):
    rows = list(range(n))
    if k == 0 or k == n:
        return rows
    rng = SplitMix64(seed)
    for i in range(k):
        j = i + rng.below(n - i)
        rows[i], rows[j] = rows[j], rows[i]
    return sorted(rows[:k])


if __name__ == "__main__":
    if sys.argv[1] == "--raw":
        g = SplitMix64(int(sys.argv[2]))
        print([g.next() for _ in range(int(sys.argv[3]))])
    else:
        print(sample_rows(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
