#pragma once
// Pair truncation with the `longest_first` rule of the Hugging Face tokenizers library.

#include <cstddef>
#include <utility>

namespace bs {

// Lengths that sequences of `first` and `second` tokens keep so that together they
// fit in `budget` tokens (special tokens already subtracted). This is the Rust
// `tokenizers` rule that transformers 5 uses, not the old Python one-at-a-time loop:
// when both must shrink they get budget/2 and budget - budget/2 tokens, the longer
// sequence (the second one on a tie) getting the extra token; when only the longer
// one must shrink, the shorter keeps its length. An empty second sequence behaves
// like a single sequence.
std::pair<std::size_t, std::size_t> longestFirstLengths(std::size_t first, std::size_t second,
                                                        std::size_t budget);

} // namespace bs
