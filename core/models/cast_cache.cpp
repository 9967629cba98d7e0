#include "core/models/cast_cache.h"

#include <ATen/ATen.h>

namespace bs {

bool CastCache::fresh(const Entry& entry, std::initializer_list<const at::Tensor*> sources) {
    if (!entry.value.defined() || entry.sources.size() != sources.size())
        return false;
    size_t k = 0;
    for (const at::Tensor* source : sources) {
        // Inference tensors keep no version counter: their copies are remade every time.
        if (source->is_inference() || !entry.sources[k].is_same(*source) ||
            entry.versions[k] != source->_version())
            return false;
        ++k;
    }
    return true;
}

const at::Tensor& CastCache::get(size_t slot, std::initializer_list<const at::Tensor*> sources,
                                 const Make& make) {
    if (slot >= m_entries.size())
        m_entries.resize(slot + 1);
    Entry& entry = m_entries[slot];
    if (fresh(entry, sources))
        return entry.value;
    entry.sources.clear();
    entry.versions.clear();
    for (const at::Tensor* source : sources) {
        entry.sources.push_back(*source);
        entry.versions.push_back(source->is_inference() ? 0 : source->_version());
    }
    // Made outside any autograd graph: the copies are constants of the forward.
    at::NoGradGuard noGrad;
    entry.value = make(entry.sources);
    return entry.value;
}

} // namespace bs
