// loadWeights / loadClassifier: checkpoint tensors into a SequenceClassifier by HF name.

#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/models/sequence_classifier.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace bs {

namespace {

std::string shapeString(const std::vector<int64_t>& sizes) {
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string basePrefix(ModelFamily family) {
    return std::string(familyName(family)) + ".";
}

// Names under which a checkpoint may hold `name`, preferred first: the HF name, the
// pre-2019 LayerNorm.gamma/.beta spelling, and both without the base-model prefix (a
// bare BertModel/RobertaModel/DistilBertModel state dict), as transformers accepts.
std::vector<std::string> candidateNames(const std::string& name, SequenceClassifier::ParamRole role,
                                        const std::string& prefix) {
    std::vector<std::string> names{name};
    const auto legacy = [&](const std::string& n) -> std::string {
        if (role == SequenceClassifier::ParamRole::NormWeight && endsWith(n, ".weight"))
            return n.substr(0, n.size() - 6) + "gamma";
        if (role == SequenceClassifier::ParamRole::NormBias && endsWith(n, ".bias"))
            return n.substr(0, n.size() - 4) + "beta";
        return {};
    };
    if (auto l = legacy(name); !l.empty())
        names.push_back(l);
    if (name.rfind(prefix, 0) == 0) {
        const std::string bare = name.substr(prefix.size());
        names.push_back(bare);
        if (auto l = legacy(bare); !l.empty())
            names.push_back(l);
    }
    return names;
}

// Non-parameter buffers that older save_pretrained versions wrote into state dicts.
bool isKnownBuffer(const std::string& name) {
    return endsWith(name, "embeddings.position_ids") || endsWith(name, "embeddings.token_type_ids");
}

template <typename List> std::string joined(const List& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

} // namespace

LoadReport loadWeights(SequenceClassifier& model, const CheckpointReader& checkpoint) {
    const std::string where = checkpoint.directory().string();
    const ModelFamily family = model.config().family;
    const ModelConfig& stored = checkpoint.config();
    if (stored.family != family)
        throwFileError(
            where, std::string("the checkpoint holds a ") + familyName(stored.family) + " model (" +
                       (stored.architecture.empty() ? stored.modelType : stored.architecture) +
                       "), the model to load into is " + familyName(family));

    std::unordered_map<std::string, const TensorInfo*> byName;
    for (const TensorInfo& info : checkpoint.tensors())
        byName.emplace(info.name, &info);

    ParameterSet& params = model.parameters();
    const auto& inits = model.parameterInits();
    const std::string prefix = basePrefix(family);
    LoadReport report;
    std::vector<std::string> missing;
    std::vector<std::string> mismatched;
    std::vector<std::string> sources(params.size());
    std::unordered_set<std::string> used;
    for (size_t i = 0; i < params.size(); ++i) {
        const std::string& name = params[i].name;
        const TensorInfo* info = nullptr;
        for (const std::string& candidate : candidateNames(name, inits[i].role, prefix)) {
            if (auto it = byName.find(candidate); it != byName.end()) {
                info = it->second;
                break;
            }
        }
        if (!info) {
            missing.push_back(name);
            continue;
        }
        if (info->name != name)
            report.renamed.push_back(info->name + " -> " + name);
        const std::vector<int64_t> expected = params.tensor(i).sizes().vec();
        if (info->shape != expected)
            mismatched.push_back(info->name + " is " + shapeString(info->shape) +
                                 ", the model expects " + shapeString(expected));
        sources[i] = info->name;
        used.insert(info->name);
    }
    if (!missing.empty() || !mismatched.empty()) {
        std::string message = std::string("cannot load the checkpoint into a ") +
                              familyName(family) + " sequence classifier:";
        if (!missing.empty())
            message += " " + std::to_string(missing.size()) +
                       " parameter(s) missing: " + joined(missing) + ".";
        if (!mismatched.empty())
            message += " " + std::to_string(mismatched.size()) +
                       " shape mismatch(es): " + joined(mismatched) + ".";
        throwFileError(where, message);
    }

    {
        const at::NoGradGuard noGrad; // the parameters may require grad
        for (size_t i = 0; i < params.size(); ++i) {
            const at::Tensor& target = params.tensor(i);
            // copy_ keeps the parameter's storage: views into a flat buffer stay valid.
            target.copy_(checkpoint.read(sources[i], target.scalar_type()));
        }
    }
    for (const TensorInfo& info : checkpoint.tensors())
        if (!used.count(info.name) && !isKnownBuffer(info.name))
            report.unused.push_back(info.name);
    return report;
}

std::unique_ptr<SequenceClassifier> loadClassifier(const std::filesystem::path& dir,
                                                   at::ScalarType dtype, LoadReport* report) {
    const std::unique_ptr<CheckpointReader> checkpoint = CheckpointReader::open(dir);
    std::unique_ptr<SequenceClassifier> model = createClassifier(checkpoint->config(), dtype);
    LoadReport loaded = loadWeights(*model, *checkpoint);
    if (report)
        *report = std::move(loaded);
    return model;
}

} // namespace bs
