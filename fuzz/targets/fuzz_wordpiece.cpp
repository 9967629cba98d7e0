// Fuzz target: vocab.txt and the WordPiece tokenizer. The input is a vocabulary, a NUL
// byte, then text (arbitrary bytes, valid UTF-8 or not) encoded alone and as a pair.
#include "core/common/error.h"
#include "core/text/wordpiece_tokenizer.h"
#include "fuzz/fuzz_support.h"

BS_FUZZ_TARGET(wordpiece) {
    const std::string_view input = bs::fuzz::asText(data, size);
    const size_t nul = input.find('\0');
    const std::string_view vocab = input.substr(0, nul);
    const std::string_view text =
        nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
    try {
        bs::TokenizerOptions options;
        // The first text byte picks the casing options, so that every branch is reachable.
        const unsigned flags = text.empty() ? 0u : static_cast<unsigned char>(text.front());
        options.lowerCase = flags & 1u;
        if (flags & 2u)
            options.stripAccents = (flags & 4u) != 0;
        options.tokenizeChineseChars = !(flags & 8u);
        const bs::WordPieceTokenizer tokenizer = bs::WordPieceTokenizer::fromVocabFile(
            bs::fuzz::writeScratch("vocab.txt", vocab), options);
        const size_t half = text.size() / 2;
        (void)tokenizer.encode(text);
        (void)tokenizer.encode(text.substr(0, half), text.substr(half),
                               static_cast<int64_t>(flags >> 4) + 3);
        const bs::Encoding all = tokenizer.encode(text);
        (void)tokenizer.idsToTokens(all.inputIds);
    } catch (const bs::Error&) {
    }
    return 0;
}
