#include "core/data/label_mapping.h"

#include "core/common/error.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace bs {

namespace {

std::string listNames(const std::vector<std::string>& names, bool withIds) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += withIds ? std::to_string(i) + "=" + names[i] : names[i];
    }
    return out.empty() ? "(none)" : out;
}

bool isDecimal(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; });
}

// "label3" (normalised "LABEL_3") -> "3"; anything else -> "".
std::string genericIndex(const std::string& normalized) {
    if (normalized.rfind("label", 0) == 0 && isDecimal(std::string_view(normalized).substr(5)))
        return normalized.substr(5);
    return {};
}

bool allGeneric(const std::vector<std::string>& names) {
    return !names.empty() && std::all_of(names.begin(), names.end(), [](const std::string& n) {
        return !genericIndex(normalizeLabelName(n)).empty();
    });
}

// "non"/"not" followed by a word of 4+ letters (so "note" and "none" stay apart).
bool negationPrefix(std::string_view normalized) {
    return normalized.size() >= 7 &&
           (normalized.substr(0, 3) == "non" || normalized.substr(0, 3) == "not");
}

void requireUnique(const std::vector<std::string>& names, const char* what) {
    for (size_t i = 0; i < names.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (sameLabelName(names[i], names[j]))
                throw Error(std::string(what) + " labels '" + names[j] + "' and '" + names[i] +
                            "' are the same name once case, '-', '_' and spaces are ignored; "
                            "label names must be distinct (" +
                            what + " labels: " + listNames(names, false) + ")");
}

// Index of the model label with the same name as `name`, or -1.
int64_t findModelLabel(const std::vector<std::string>& modelLabels, std::string_view name) {
    for (size_t i = 0; i < modelLabels.size(); ++i)
        if (sameLabelName(modelLabels[i], name))
            return static_cast<int64_t>(i);
    return -1;
}

} // namespace

std::string normalizeLabelName(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (unsigned char c : name) {
        if (c == '-' || c == '_' || c == ' ')
            continue;
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

bool sameLabelName(std::string_view a, std::string_view b) {
    const std::string x = normalizeLabelName(a);
    const std::string y = normalizeLabelName(b);
    if (x == y)
        return true;
    return negationPrefix(x) && negationPrefix(y) && x.substr(3) == y.substr(3);
}

LabelMapping mapLabels(const std::vector<std::string>& datasetLabels,
                       const std::vector<std::string>& modelLabels) {
    requireUnique(datasetLabels, "dataset");
    requireUnique(modelLabels, "model");
    LabelMapping mapping;
    mapping.datasetLabels = datasetLabels;
    mapping.modelLabels = modelLabels;

    for (const std::string& label : datasetLabels) {
        const std::string name = normalizeLabelName(label);
        std::vector<int64_t> indices;
        const int64_t same = findModelLabel(modelLabels, label);
        const int64_t negated =
            negationPrefix(name) ? findModelLabel(modelLabels, name.substr(3)) : -1;
        if (same >= 0) {
            indices.push_back(same);
        } else if (negated >= 0 && modelLabels.size() > 1) {
            // Rule 2: "non-entailment" on a model with entailment/neutral/contradiction.
            const int64_t excluded = negated;
            for (int64_t i = 0; i < static_cast<int64_t>(modelLabels.size()); ++i)
                if (i != excluded)
                    indices.push_back(i);
        } else {
            // Rule 3: integer dataset labels against the LABEL_k defaults of config.json.
            for (size_t i = 0; i < modelLabels.size() && indices.empty(); ++i) {
                const std::string model = normalizeLabelName(modelLabels[i]);
                if ((isDecimal(name) && genericIndex(model) == name) ||
                    (isDecimal(model) && genericIndex(name) == model))
                    indices.push_back(static_cast<int64_t>(i));
            }
        }
        if (indices.empty()) {
            std::string message = "cannot match dataset label '" + label +
                                  "' to any label of the model.\n  dataset labels: " +
                                  listNames(datasetLabels, false) +
                                  "\n  model labels (id2label): " + listNames(modelLabels, true) +
                                  "\nNames are compared ignoring case, '-', '_' and spaces; a "
                                  "dataset label 'non-X' also matches every model label but X.";
            const std::string example = modelLabels.size() == datasetLabels.size()
                                            ? listNames(datasetLabels, false)
                                            : std::string("entailment, neutral, contradiction");
            std::string commaList = example;
            commaList.erase(std::remove(commaList.begin(), commaList.end(), ' '), commaList.end());
            if (allGeneric(modelLabels))
                message += "\nThe model's config.json has only generic names (LABEL_0, ...): ";
            else
                message += "\nIf the model's names are not the dataset's, ";
            message += "give the model's label names in id order, e.g. --model-labels " +
                       commaList +
                       " (or, for jsonl/csv data, name the dataset labels with labels=... in the "
                       "dataset spec).";
            throw Error(message);
        }
        mapping.modelIndices.push_back(std::move(indices));
    }
    // One logit scoring two dataset labels would make predictions ambiguous.
    std::map<int64_t, size_t> owner;
    for (size_t d = 0; d < mapping.modelIndices.size(); ++d) {
        for (int64_t i : mapping.modelIndices[d]) {
            const auto [it, inserted] = owner.emplace(i, d);
            if (!inserted)
                throw Error("dataset labels '" + datasetLabels[it->second] + "' and '" +
                            datasetLabels[d] + "' both match model label '" +
                            modelLabels[static_cast<size_t>(i)] + "' (" + std::to_string(i) +
                            ").\n  dataset labels: " + listNames(datasetLabels, false) +
                            "\n  model labels (id2label): " + listNames(modelLabels, true));
        }
    }
    return mapping;
}

std::string LabelMapping::describe() const {
    std::string out;
    const auto modelName = [&](int64_t i) {
        const std::string name = i >= 0 && i < static_cast<int64_t>(modelLabels.size())
                                     ? modelLabels[static_cast<size_t>(i)]
                                     : std::string("logit");
        return name + " (" + std::to_string(i) + ")";
    };
    for (size_t d = 0; d < modelIndices.size(); ++d) {
        if (d > 0)
            out += "; ";
        out += (d < datasetLabels.size() ? datasetLabels[d] : std::to_string(d)) + " <- ";
        const auto& indices = modelIndices[d];
        if (indices.size() == 1) {
            out += modelName(indices[0]);
        } else {
            out += "max(";
            for (size_t k = 0; k < indices.size(); ++k)
                out += (k > 0 ? ", " : "") + modelName(indices[k]);
            out += ")";
        }
    }
    return out;
}

bool LabelMapping::isIdentity() const {
    if (modelIndices.size() != modelLabels.size())
        return false;
    for (size_t d = 0; d < modelIndices.size(); ++d)
        if (modelIndices[d].size() != 1 || modelIndices[d][0] != static_cast<int64_t>(d))
            return false;
    return true;
}

} // namespace bs
