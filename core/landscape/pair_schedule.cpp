#include "core/landscape/pair_schedule.h"

#include "core/common/error.h"

#include <algorithm>
#include <list>
#include <map>
#include <string>

namespace bs {

std::vector<ModelPair> allPairs(int64_t n) {
    std::vector<ModelPair> pairs;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j)
            pairs.emplace_back(i, j);
    return pairs;
}

std::vector<ModelPair> schedulePairs(std::vector<ModelPair> pairs, int64_t models,
                                     int64_t capacity) {
    for (auto& [i, j] : pairs)
        if (i > j)
            std::swap(i, j);
    std::sort(pairs.begin(), pairs.end());
    if (capacity >= models || models <= 2)
        return pairs;
    const int64_t block = std::max<int64_t>(1, capacity / 2);
    const int64_t blocks = (models + block - 1) / block;
    // Bucket the pairs by (block of i, block of j).
    std::map<std::pair<int64_t, int64_t>, std::vector<ModelPair>> buckets;
    for (const ModelPair& p : pairs)
        buckets[{p.first / block, p.second / block}].push_back(p);
    std::vector<ModelPair> order;
    order.reserve(pairs.size());
    for (int64_t bi = 0; bi < blocks; ++bi) {
        // Alternate the direction so the last block of one sweep is still resident at the
        // start of the next.
        std::vector<int64_t> partners;
        for (int64_t bj = bi; bj < blocks; ++bj)
            partners.push_back(bj);
        if (bi % 2 == 1)
            std::reverse(partners.begin() + 1, partners.end());
        for (int64_t bj : partners) {
            auto it = buckets.find({bi, bj});
            if (it != buckets.end())
                order.insert(order.end(), it->second.begin(), it->second.end());
        }
    }
    return order;
}

std::vector<ModelPair> shardPairs(const std::vector<ModelPair>& pairs, int64_t k, int64_t n) {
    if (n < 1 || k < 1 || k > n)
        throw Error("shard " + std::to_string(k) + "/" + std::to_string(n) +
                    " is invalid: use k/n with 1 <= k <= n");
    std::vector<ModelPair> out;
    for (size_t p = static_cast<size_t>(k - 1); p < pairs.size(); p += static_cast<size_t>(n))
        out.push_back(pairs[p]);
    return out;
}

int64_t countLoads(const std::vector<ModelPair>& order, int64_t capacity) {
    std::list<int64_t> lru; // front = most recent
    int64_t loads = 0;
    auto touch = [&](int64_t m, int64_t keep) {
        auto it = std::find(lru.begin(), lru.end(), m);
        if (it != lru.end()) {
            lru.erase(it);
        } else {
            ++loads;
            while (static_cast<int64_t>(lru.size()) >= capacity) {
                // Never evict the other model of the pair in flight.
                auto victim = std::prev(lru.end());
                if (*victim == keep && lru.size() > 1)
                    victim = std::prev(victim);
                lru.erase(victim);
            }
        }
        lru.push_front(m);
    };
    for (const auto& [i, j] : order) {
        touch(i, j);
        touch(j, i);
    }
    return loads;
}

} // namespace bs
