#pragma once
// ParameterSpace: every model as one flat vector, and a working model that lives in one.

#include "core/io/model_config.h"
#include "core/models/sequence_classifier.h"

#include <ATen/core/Tensor.h>

#include <memory>
#include <string>
#include <vector>

namespace bs {

class CheckpointReader;

// Where one named parameter lives inside a flat vector.
struct ParameterSlot {
    std::string name;
    std::vector<int64_t> shape;
    int64_t offset = 0;
    int64_t numel = 0;
};

// All models of a study share one architecture. Each is held once as a flat vector in the
// slot order below; the working model's parameters are views into a single flat buffer,
// so a point on a path is an in-place lerp: no allocation, no model rebuild per point.
class ParameterSpace {
public:
    ParameterSpace(const ModelConfig& config, at::Device device = at::kCPU,
                   at::ScalarType dtype = at::kFloat);
    ~ParameterSpace();

    const ModelConfig& config() const { return m_config; }
    const std::vector<ParameterSlot>& layout() const { return m_slots; }
    int64_t size() const { return m_size; } // scalars per model
    int64_t bytesPerModel() const;
    at::Device device() const { return m_device; }

    // The working model; valid as long as this space lives.
    const SequenceClassifier& model() const { return *m_model; }
    SequenceClassifier& model() { return *m_model; }
    const at::Tensor& buffer() const { return m_buffer; }

    // Reads a checkpoint into a new flat vector (on this space's device). A checkpoint of a
    // different architecture is refused with an error listing the first differences.
    at::Tensor load(const CheckpointReader& checkpoint, LoadReport* report = nullptr) const;
    // Throws bs::Error listing config differences ("hidden_size 128 vs 64", ...).
    void checkCompatible(const ModelConfig& other, const std::string& source) const;

    // The working model becomes the model `flat`.
    void set(const at::Tensor& flat);
    // The working model becomes (1 - alpha) a + alpha b, in place.
    void lerp(const at::Tensor& a, const at::Tensor& b, double alpha);
    // The working model becomes origin + x u + y v, in place (loss planes).
    void combine(const at::Tensor& origin, const at::Tensor& u, double x, const at::Tensor& v,
                 double y);
    // These three always compute in the space's dtype (fp32 master copies); the working
    // model's reduced precision, if any, applies to its forward only. They also describe
    // the new point in the working model (SequenceClassifier::description), by the names of
    // the flat vectors involved, so that an error during its evaluation can name it.

    // Names `flat` (loaded vectors are named by their checkpoint folder). The name goes
    // with this tensor, not with equal values, and is forgotten when the tensor is freed.
    void setName(const at::Tensor& flat, std::string name) const;
    // The name of `flat`, or empty.
    std::string nameOf(const at::Tensor& flat) const;

    // A model's parameters (same architecture) as one new flat vector in slot order.
    at::Tensor flatten(const SequenceClassifier& model) const;
    // A flat vector as named tensors (views), e.g. to save it as a checkpoint.
    std::vector<NamedTensor> unflatten(const at::Tensor& flat) const;

private:
    void bind(SequenceClassifier& model, const at::Tensor& flat) const;
    // A weak reference does not keep the vector alive, and keeps its address from being
    // reused by another one while the name is held.
    struct FlatName {
        c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl> tensor;
        std::string name;
    };

    ModelConfig m_config;
    at::Device m_device;
    at::ScalarType m_dtype;
    std::vector<ParameterSlot> m_slots;
    int64_t m_size = 0;
    at::Tensor m_buffer;
    std::unique_ptr<SequenceClassifier> m_model;  // views into m_buffer
    std::unique_ptr<SequenceClassifier> m_loader; // rebound to each new flat vector on load
    mutable std::vector<FlatName> m_names;        // names are labels, not state: setName is const
};

} // namespace bs
