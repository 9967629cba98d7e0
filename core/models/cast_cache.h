#pragma once
// CastCache: reduced-precision copies of weights, remade only when a weight changed.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <vector>

namespace bs {

// A model's weights change in place (ParameterSpace lerps into them) or are rebound to
// other tensors (loading), so each copy remembers which tensors it was made from and their
// version counters: in-place writes bump them, so a stale copy is never used. Not
// thread-safe: one forward at a time per model.
class CastCache {
public:
    using Make = std::function<at::Tensor(const std::vector<at::Tensor>& sources)>;
    // make(sources) for one `slot`, remade only when a source changed. `make` runs without
    // autograd and should return a new tensor (e.g. a cast), not a view of a source.
    const at::Tensor& get(size_t slot, std::initializer_list<const at::Tensor*> sources,
                          const Make& make);
    void clear() { m_entries.clear(); }

private:
    struct Entry {
        std::vector<at::Tensor> sources; // held, so their identity cannot be reused
        std::vector<int64_t> versions;
        at::Tensor value;
    };
    static bool fresh(const Entry& entry, std::initializer_list<const at::Tensor*> sources);
    std::vector<Entry> m_entries;
};

} // namespace bs
