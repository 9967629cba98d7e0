#include "core/io/sharded_source.h"

#include "core/common/error.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

namespace bs {

namespace {

using nlohmann::json;

// A shard must be a file next to the index: a name that reaches elsewhere (absolute,
// "../x", "sub/../../x") could make a downloaded checkpoint read arbitrary files.
bool isPlainFileName(const std::string& name) {
    if (name.empty() || name == "." || name == "..")
        return false;
    return name.find('/') == std::string::npos && name.find('\\') == std::string::npos &&
           name.find('\0') == std::string::npos;
}

} // namespace

ShardedSource::~ShardedSource() = default;

ShardedSource::ShardedSource(const std::filesystem::path& indexJson, const OpenShard& openShard)
    : m_path(indexJson) {
    const std::string file = indexJson.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(indexJson, ec);
    if (ec)
        throwFileError(file, "cannot read: " + ec.message());
    if (size > 64u * 1024 * 1024)
        throwFileError(file, "is " + std::to_string(size) +
                                 " bytes; a shard index is at most a few megabytes");
    std::ifstream in(indexJson, std::ios::binary);
    json root;
    try {
        root = json::parse(in, [](int depth, json::parse_event_t, json&) {
            if (depth > 8)
                throw std::runtime_error("nested too deeply");
            return true;
        });
    } catch (const std::exception& e) {
        throwFileError(file, std::string("not valid JSON: ") + e.what());
    }
    if (!root.is_object() || !root.contains("weight_map") || !root["weight_map"].is_object())
        throwFileError(file, "expected an object with a \"weight_map\" object "
                             "{\"tensor name\": \"shard file\"}");
    const json& map = root["weight_map"];
    if (map.empty())
        throwFileError(file, "\"weight_map\" lists no tensors");

    std::map<std::string, std::vector<std::string>> byShard; // sorted shard names
    for (const auto& [tensor, shard] : map.items()) {
        if (!shard.is_string())
            throwFileError(file, "weight_map entry '" + tensor + "' must name a shard file");
        const std::string name = shard.get<std::string>();
        if (!isPlainFileName(name))
            throwFileError(file, "weight_map entry '" + tensor + "' names shard \"" + name +
                                     "\", which is not a file in the checkpoint folder; "
                                     "refusing a path that could escape it");
        byShard[name].push_back(tensor);
    }

    const std::filesystem::path dir = indexJson.parent_path();
    for (const auto& [shardName, names] : byShard) {
        const std::filesystem::path shardPath = dir / shardName;
        if (!std::filesystem::is_regular_file(shardPath, ec))
            throwFileError(file, "shard \"" + shardName + "\" (listed for '" + names.front() +
                                     "') does not exist in " + dir.string());
        std::unique_ptr<TensorSource> shard = openShard(shardPath);
        const std::set<std::string> listed(names.begin(), names.end());
        for (const std::string& name : names)
            if (!shard->contains(name))
                throwFileError(file, "lists tensor '" + name + "' in shard \"" + shardName +
                                         "\", but that shard has no such tensor");
        for (const TensorInfo& info : shard->tensors()) {
            if (!listed.count(info.name))
                continue;
            m_shardOf.emplace(info.name, m_shards.size());
            m_tensors.push_back(info);
        }
        m_shards.push_back(std::move(shard));
    }
}

bool ShardedSource::contains(const std::string& name) const {
    return m_shardOf.count(name) > 0;
}

at::Tensor ShardedSource::read(const std::string& name, at::ScalarType dtype) const {
    const auto it = m_shardOf.find(name);
    if (it == m_shardOf.end())
        throwFileError(m_path.string(), "no tensor named '" + name + "' in the weight_map");
    return m_shards[it->second]->read(name, dtype);
}

std::vector<std::filesystem::path> ShardedSource::shardPaths() const {
    std::vector<std::filesystem::path> out;
    for (const auto& shard : m_shards)
        out.push_back(shard->path());
    return out;
}

} // namespace bs
