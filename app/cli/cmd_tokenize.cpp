// basinscope-cli tokenize: shows how a text (pair) is tokenized, as a check against
// Hugging Face BertTokenizer.
#include "app/cli/commands.h"

#include "core/common/error.h"
#include "core/text/tokenizer_loader.h"
#include "core/text/wordpiece_tokenizer.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace bs::cli {

namespace {

struct TokenizeArgs {
    std::string vocab;
    std::string model;
    std::string text;
    std::optional<std::string> pair;
    int64_t maxLength = 0;
    bool json = false;
    bool cased = false;
};

template <typename T> void printLine(const char* label, const std::vector<T>& values) {
    std::cout << label << ":";
    for (const auto& v : values)
        std::cout << ' ' << v;
    std::cout << '\n';
}

int runTokenize(const TokenizeArgs& args) {
    if (args.vocab.empty() == args.model.empty())
        throw Error("give exactly one of --vocab FILE or --model DIR");
    std::optional<WordPieceTokenizer> tokenizer;
    if (!args.model.empty()) {
        tokenizer.emplace(loadTokenizerForModel(args.model));
    } else {
        TokenizerOptions options;
        options.lowerCase = !args.cased;
        tokenizer.emplace(WordPieceTokenizer::fromVocabFile(args.vocab, options));
    }
    std::optional<std::string_view> pair;
    if (args.pair)
        pair = *args.pair;
    const Encoding encoding = tokenizer->encode(args.text, pair, args.maxLength);
    if (args.json) {
        nlohmann::ordered_json out = {{"tokens", encoding.tokens},
                                      {"input_ids", encoding.inputIds},
                                      {"token_type_ids", encoding.tokenTypeIds}};
        // Vocabulary entries are not guaranteed to be valid UTF-8.
        std::cout << out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                  << '\n';
    } else {
        printLine("tokens", encoding.tokens);
        printLine("input_ids", encoding.inputIds);
        printLine("token_type_ids", encoding.tokenTypeIds);
    }
    return 0;
}

} // namespace

void registerTokenizeCommand(CLI::App& app, CliContext& context) {
    (void)context;
    auto args = std::make_shared<TokenizeArgs>();
    CLI::App* cmd = app.add_subcommand(
        "tokenize", "Tokenize a text or text pair like Hugging Face BertTokenizer");
    auto* vocab = cmd->add_option("--vocab", args->vocab, "WordPiece vocab.txt");
    auto* model =
        cmd->add_option("--model", args->model,
                        "Model folder (vocab.txt and, when present, tokenizer_config.json)");
    vocab->excludes(model);
    cmd->add_option("--text", args->text, "First text")->required();
    cmd->add_option("--pair", args->pair, "Second text of a pair");
    cmd->add_option("--max-length", args->maxLength,
                    "Truncate to this many tokens with longest_first (0: no truncation)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_flag("--cased", args->cased, "With --vocab: keep case and accents")->excludes(model);
    cmd->add_flag("--json", args->json, "Print one JSON object");
    setCommandBody(*cmd, [args] { return runTokenize(*args); });
}

} // namespace bs::cli
