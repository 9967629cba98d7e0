#pragma once
// ParameterSet: a model's parameters in Hugging Face order, addressable by HF name.

#include "core/io/named_tensor.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace bs {

// Models read their weights through this set on every forward, so that replacing a
// tensor (e.g. by a view into ParameterSpace's flat buffer) takes effect at once.
class ParameterSet {
public:
    // Registers a parameter; returns its index (stable, used by the model's forward).
    size_t add(std::string name, at::Tensor tensor);

    size_t size() const { return m_items.size(); }
    const NamedTensor& operator[](size_t i) const { return m_items[i]; }
    const at::Tensor& tensor(size_t i) const { return m_items[i].tensor; }
    // Replaces tensor i; shape and dtype must match (throws bs::Error otherwise).
    void rebind(size_t i, at::Tensor tensor);
    // Moves every tensor to `device` (a no-op for those already there). Whoever holds
    // views of the old tensors (e.g. a ParameterSpace) must rebind afterwards.
    void moveTo(c10::Device device);

    // Index of `name`, or -1.
    int64_t find(const std::string& name) const;
    const std::vector<NamedTensor>& items() const { return m_items; }
    int64_t numel() const; // total number of scalars

private:
    std::vector<NamedTensor> m_items;
    std::unordered_map<std::string, size_t> m_index;
};

} // namespace bs
