#include "core/analysis/model_soup.h"

#include "core/common/csv_field.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace bs {

std::vector<SoupSelection> withinAcrossSelections(const std::vector<int64_t>& labels) {
    std::map<int64_t, std::vector<int64_t>> members;
    for (size_t m = 0; m < labels.size(); ++m)
        members[labels[m]].push_back(static_cast<int64_t>(m));
    std::vector<SoupSelection> out;
    if (members.size() < 2)
        return out;
    std::vector<int64_t> clusters;
    for (const auto& [cluster, list] : members)
        clusters.push_back(cluster);
    for (size_t c = 0; c < clusters.size(); ++c) {
        const std::vector<int64_t>& own = members[clusters[c]];
        if (own.size() < 2)
            continue;
        out.push_back({"within", clusters[c], own});
        SoupSelection across{"across", clusters[c], {}};
        std::vector<size_t> next(clusters.size(), 0);
        while (across.models.size() < own.size()) {
            bool took = false;
            for (size_t step = 0; step < clusters.size() && across.models.size() < own.size();
                 ++step) {
                const size_t from = (c + step) % clusters.size();
                const std::vector<int64_t>& list = members[clusters[from]];
                if (next[from] < list.size()) {
                    across.models.push_back(list[next[from]++]);
                    took = true;
                }
            }
            if (!took)
                break;
        }
        std::sort(across.models.begin(), across.models.end());
        out.push_back(std::move(across));
    }
    return out;
}

Evaluation meanEvaluation(const std::vector<Evaluation>& evaluations) {
    Evaluation mean;
    double loss = 0, accuracy = 0, f1 = 0, mcc = 0;
    int64_t n = 0;
    for (const Evaluation& e : evaluations) {
        if (!e.computed())
            continue;
        loss += e.loss;
        accuracy += e.accuracy;
        f1 += e.f1;
        mcc += e.mcc;
        if (n == 0)
            mean.examples = e.examples;
        ++n;
    }
    if (n == 0)
        return mean;
    mean.loss = loss / double(n);
    mean.accuracy = accuracy / double(n);
    mean.f1 = f1 / double(n);
    mean.mcc = mcc / double(n);
    return mean;
}

namespace {

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", v);
    return text;
}

} // namespace

std::string soupsCsv(const std::vector<SoupEvaluation>& soups) {
    std::string out = "soup,kind,cluster,models,dataset,loss,accuracy,f1,mcc,ingredient_loss,"
                      "ingredient_accuracy\n";
    for (const SoupEvaluation& s : soups) {
        std::string models;
        for (const std::string& m : s.models)
            models += (models.empty() ? "" : " ") + m;
        for (size_t d = 0; d < s.datasets.size(); ++d) {
            const Evaluation& e = s.evaluations[d];
            const Evaluation mean =
                d < s.ingredientMean.size() ? s.ingredientMean[d] : Evaluation{};
            out += csvField(s.name) + "," + s.kind + "," + std::to_string(s.cluster) + "," +
                   csvField(models) + "," + csvField(s.datasets[d]) + "," + number(e.loss) + "," +
                   number(e.accuracy) + "," + number(e.f1) + "," + number(e.mcc) + "," +
                   number(mean.loss) + "," + number(mean.accuracy) + "\n";
        }
    }
    return out;
}

} // namespace bs
