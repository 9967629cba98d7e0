#include "core/models/parameter_set.h"

#include "core/common/error.h"

#include <ATen/ATen.h>

#include <sstream>

namespace bs {

namespace {

std::string shapeString(at::IntArrayRef sizes) {
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
}

} // namespace

size_t ParameterSet::add(std::string name, at::Tensor tensor) {
    if (m_index.count(name))
        throw Error("parameter '" + name + "' is registered twice");
    if (!tensor.defined())
        throw Error("parameter '" + name + "' has no tensor");
    const size_t i = m_items.size();
    m_index.emplace(name, i);
    m_items.push_back(NamedTensor{std::move(name), std::move(tensor)});
    return i;
}

void ParameterSet::rebind(size_t i, at::Tensor tensor) {
    if (i >= m_items.size())
        throw Error("parameter index " + std::to_string(i) + " out of range (the set holds " +
                    std::to_string(m_items.size()) + ")");
    NamedTensor& item = m_items[i];
    if (!tensor.defined())
        throw Error("cannot rebind parameter '" + item.name + "' to an undefined tensor");
    if (tensor.sizes() != item.tensor.sizes())
        throw Error("cannot rebind parameter '" + item.name + "': expected shape " +
                    shapeString(item.tensor.sizes()) + ", found " + shapeString(tensor.sizes()));
    if (tensor.scalar_type() != item.tensor.scalar_type())
        throw Error("cannot rebind parameter '" + item.name + "': expected dtype " +
                    std::string(c10::toString(item.tensor.scalar_type())) + ", found " +
                    c10::toString(tensor.scalar_type()));
    item.tensor = std::move(tensor);
}

void ParameterSet::moveTo(c10::Device device) {
    for (auto& item : m_items)
        item.tensor = item.tensor.to(device);
}

int64_t ParameterSet::find(const std::string& name) const {
    const auto it = m_index.find(name);
    return it == m_index.end() ? -1 : static_cast<int64_t>(it->second);
}

int64_t ParameterSet::numel() const {
    int64_t total = 0;
    for (const auto& item : m_items)
        total += item.tensor.numel();
    return total;
}

} // namespace bs
