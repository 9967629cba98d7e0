#include "core/analysis/flipped_examples.h"

#include "core/common/csv_field.h"

#include <cstdio>
#include <map>

namespace bs {

namespace {

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

std::string labelName(const FlipAnalysis& a, int64_t label) {
    if (label >= 0 && label < static_cast<int64_t>(a.labelNames.size()))
        return a.labelNames[static_cast<size_t>(label)];
    return std::to_string(label);
}

} // namespace

void collectFlips(FlipAnalysis& analysis, const std::vector<std::vector<int64_t>>& predictions,
                  const std::vector<int64_t>& gold, const std::vector<int64_t>& rows) {
    analysis.flipped.clear();
    analysis.examples = static_cast<int64_t>(gold.size());
    if (predictions.empty())
        return;
    for (size_t e = 0; e < gold.size(); ++e) {
        FlippedExample x;
        x.index = static_cast<int64_t>(e);
        x.row = e < rows.size() ? rows[e] : static_cast<int64_t>(e);
        x.gold = gold[e];
        for (size_t k = 0; k < predictions.size(); ++k) {
            x.predicted.push_back(predictions[k][e]);
            if (k > 0 && predictions[k][e] != predictions[k - 1][e]) {
                if (x.changes == 0)
                    x.firstFlip = analysis.alphas[k];
                ++x.changes;
            }
        }
        if (x.changes == 0)
            continue;
        x.endsDiffer = x.predicted.front() != x.predicted.back();
        analysis.flipped.push_back(std::move(x));
    }
}

std::string flipsCsv(const FlipAnalysis& a) {
    std::string out = "row,first_flip,changes,ends_differ,gold";
    size_t points = 0;
    for (const FlippedExample& x : a.flipped)
        points = std::max(points, x.predicted.size());
    for (size_t k = 0; k < points && k < a.alphas.size(); ++k)
        out += ",alpha=" + number(a.alphas[k]);
    out += ",text_a,text_b\n";
    for (const FlippedExample& x : a.flipped) {
        out += std::to_string(x.row) + "," + number(x.firstFlip) + "," + std::to_string(x.changes) +
               "," + (x.endsDiffer ? "yes" : "no") + "," + csvField(labelName(a, x.gold));
        for (size_t k = 0; k < points && k < a.alphas.size(); ++k)
            out += "," + (k < x.predicted.size() ? csvField(labelName(a, x.predicted[k])) : "");
        out += "," + csvField(x.textA) + "," + csvField(x.textB) + "\n";
    }
    return out;
}

namespace {

// The most predicted label of one example across a group, and its share.
std::pair<int64_t, double> majority(const std::vector<std::vector<int64_t>>& predictions,
                                    size_t example) {
    std::map<int64_t, int64_t> votes;
    for (const auto& model : predictions)
        ++votes[model[example]];
    int64_t best = -1, count = 0;
    for (const auto& [label, n] : votes)
        if (n > count) {
            best = label;
            count = n;
        }
    return {best, static_cast<double>(count) / static_cast<double>(predictions.size())};
}

} // namespace

void collectGroupDisagreements(GroupFlipAnalysis& analysis,
                               const std::vector<std::vector<int64_t>>& first,
                               const std::vector<std::vector<int64_t>>& second,
                               const std::vector<int64_t>& gold, const std::vector<int64_t>& rows) {
    analysis.disagreements.clear();
    analysis.examples = static_cast<int64_t>(gold.size());
    if (first.empty() || second.empty())
        return;
    for (size_t e = 0; e < gold.size(); ++e) {
        const auto [a, shareA] = majority(first, e);
        const auto [b, shareB] = majority(second, e);
        if (a == b)
            continue;
        GroupDisagreement x;
        x.index = static_cast<int64_t>(e);
        x.row = e < rows.size() ? rows[e] : static_cast<int64_t>(e);
        x.gold = gold[e];
        x.firstLabel = a;
        x.secondLabel = b;
        x.firstShare = shareA;
        x.secondShare = shareB;
        analysis.disagreements.push_back(std::move(x));
    }
}

std::string groupFlipsCsv(const GroupFlipAnalysis& a) {
    auto label = [&](int64_t l) {
        return l >= 0 && l < static_cast<int64_t>(a.labelNames.size())
                   ? a.labelNames[static_cast<size_t>(l)]
                   : std::to_string(l);
    };
    std::string out = "row,gold,first_label,first_share,second_label,second_share,text_a,text_b\n";
    for (const GroupDisagreement& x : a.disagreements)
        out += std::to_string(x.row) + "," + csvField(label(x.gold)) + "," +
               csvField(label(x.firstLabel)) + "," + number(x.firstShare) + "," +
               csvField(label(x.secondLabel)) + "," + number(x.secondShare) + "," +
               csvField(x.textA) + "," + csvField(x.textB) + "\n";
    return out;
}

} // namespace bs
