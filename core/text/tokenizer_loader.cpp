#include "core/text/tokenizer_loader.h"

#include "core/common/error.h"
#include "core/io/json_depth_limit.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>

namespace bs {

namespace {

constexpr const char* kPretokenizedHint =
    "; tokenize the data elsewhere and give it as pre-tokenized JSONL (one object per line "
    "with \"input_ids\", \"token_type_ids\" and \"label\")";

std::string typeName(const nlohmann::json& value) {
    return value.type_name();
}

void readBool(const nlohmann::json& config, const char* field, const std::string& file, bool& out) {
    auto it = config.find(field);
    if (it == config.end() || it->is_null())
        return;
    if (!it->is_boolean())
        throwFileError(file, std::string("field '") + field + "' must be true or false, found " +
                                 typeName(*it) + " " + it->dump());
    out = it->get<bool>();
}

// Special tokens are saved as plain strings or as AddedToken objects {"content": ...}.
void readToken(const nlohmann::json& config, const char* field, const std::string& file,
               std::string& out) {
    auto it = config.find(field);
    if (it == config.end() || it->is_null())
        return;
    if (it->is_string()) {
        out = it->get<std::string>();
        return;
    }
    if (it->is_object()) {
        auto content = it->find("content");
        if (content != it->end() && content->is_string()) {
            out = content->get<std::string>();
            return;
        }
    }
    throwFileError(file, std::string("field '") + field +
                             "' must be a string or an object with a string \"content\", found " +
                             it->dump());
}

// The model's vocab_size from config.json, or nothing when the file is absent or does not say
// (the checkpoint reader reports a broken config.json with its own message).
std::optional<int64_t> configVocabSize(const std::filesystem::path& configJson) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(configJson, ec))
        return std::nullopt;
    std::ifstream in(configJson, std::ios::binary);
    try {
        const nlohmann::json root = nlohmann::json::parse(in, jsonDepthLimit(configJson.string()));
        const auto it = root.is_object() ? root.find("vocab_size") : root.end();
        if (it != root.end() && it->is_number_integer() && it->get<int64_t>() > 0)
            return it->get<int64_t>();
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

} // namespace

TokenizerOptions readTokenizerConfig(const std::filesystem::path& configFile) {
    const std::string file = configFile.string();
    std::ifstream in(configFile, std::ios::binary);
    if (!in)
        throwFileError(file, "cannot open the tokenizer configuration");
    nlohmann::json config;
    try {
        config = nlohmann::json::parse(in, jsonDepthLimit(file));
    } catch (const nlohmann::json::exception& e) {
        throwFileError(file, std::string("not valid JSON: ") + e.what());
    }
    if (!config.is_object())
        throwFileError(file, "expected a JSON object at the top level, found " + typeName(config));

    TokenizerOptions options;
    readBool(config, "do_lower_case", file, options.lowerCase);
    if (auto it = config.find("strip_accents"); it != config.end() && !it->is_null()) {
        if (!it->is_boolean())
            throwFileError(file, "field 'strip_accents' must be true, false or null, found " +
                                     it->dump());
        options.stripAccents = it->get<bool>();
    }
    readBool(config, "tokenize_chinese_chars", file, options.tokenizeChineseChars);
    readToken(config, "unk_token", file, options.unkToken);
    readToken(config, "cls_token", file, options.clsToken);
    readToken(config, "sep_token", file, options.sepToken);
    readToken(config, "pad_token", file, options.padToken);
    readToken(config, "mask_token", file, options.maskToken);

    bool basic = true;
    readBool(config, "do_basic_tokenize", file, basic);
    if (!basic)
        throwFileError(file, "do_basic_tokenize false is not supported (BasinScope always runs "
                             "BERT's basic tokenization before WordPiece)");
    return options;
}

WordPieceTokenizer loadTokenizerForModel(const std::filesystem::path& modelDir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path vocab = modelDir / "vocab.txt";
    if (!fs::is_regular_file(vocab, ec)) {
        auto has = [&](const char* name) {
            return fs::is_regular_file(modelDir / name, ec);
        };
        const std::string dir = modelDir.string();
        if (!fs::is_directory(modelDir, ec))
            throwFileError(dir, "model folder not found");
        if (has("vocab.json") || has("merges.txt"))
            throwFileError(dir, std::string("this model uses a byte-level BPE tokenizer "
                                            "(vocab.json/merges.txt, e.g. RoBERTa or GPT-2), which "
                                            "BasinScope does not implement (only BERT WordPiece "
                                            "vocab.txt)") +
                                    kPretokenizedHint);
        if (has("spiece.model") || has("sentencepiece.bpe.model") || has("tokenizer.model"))
            throwFileError(dir, std::string("this model uses a SentencePiece tokenizer, which "
                                            "BasinScope does not implement (only BERT WordPiece "
                                            "vocab.txt)") +
                                    kPretokenizedHint);
        if (has("tokenizer.json"))
            throwFileError(dir, std::string("only tokenizer.json was found; BasinScope reads BERT "
                                            "WordPiece tokenizers from vocab.txt (+ "
                                            "tokenizer_config.json)") +
                                    kPretokenizedHint);
        throwFileError(dir, std::string("no vocab.txt in the model folder (a BERT WordPiece "
                                        "vocabulary is needed)") +
                                kPretokenizedHint);
    }
    TokenizerOptions options;
    const fs::path tokenizerConfig = modelDir / "tokenizer_config.json";
    if (fs::is_regular_file(tokenizerConfig, ec))
        options = readTokenizerConfig(tokenizerConfig);
    WordPieceTokenizer tokenizer = WordPieceTokenizer::fromVocabFile(vocab, std::move(options));
    // Checked here, where both files are known, so that the error blames the pair of files
    // instead of the first dataset row whose token happens to have a large id.
    const fs::path config = modelDir / "config.json";
    if (const auto vocabSize = configVocabSize(config);
        vocabSize && tokenizer.vocabSize() > *vocabSize)
        throwFileError(vocab.string(),
                       std::to_string(tokenizer.vocabSize()) +
                           " tokens, but field 'vocab_size' of " + config.string() + " is " +
                           std::to_string(*vocabSize) + ": ids " + std::to_string(*vocabSize) +
                           ".." + std::to_string(tokenizer.vocabSize() - 1) +
                           " have no row in the model's embedding table (vocab.txt and "
                           "config.json come from different models?)");
    return tokenizer;
}

} // namespace bs
