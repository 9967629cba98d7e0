#include "core/landscape/parameter_space.h"

#include "core/common/error.h"
#include "core/io/checkpoint.h"
#include "core/landscape/architecture.h"

#include <ATen/ATen.h>

#include <sstream>

namespace bs {

ParameterSpace::ParameterSpace(const ModelConfig& config, at::Device device, at::ScalarType dtype)
    : m_config(config)
    , m_device(device)
    , m_dtype(dtype) {
    m_model = createClassifier(config, dtype);
    const ParameterSet& params = m_model->parameters();
    for (size_t i = 0; i < params.size(); ++i) {
        const at::Tensor& t = params.tensor(i);
        ParameterSlot slot;
        slot.name = params[i].name;
        slot.shape = t.sizes().vec();
        slot.offset = m_size;
        slot.numel = t.numel();
        m_size += slot.numel;
        m_slots.push_back(std::move(slot));
    }
    m_buffer = at::zeros({m_size}, at::TensorOptions().dtype(dtype).device(device));
    bind(*m_model, m_buffer);
    // The loader's own zero tensors are replaced on every load; keep them tiny meanwhile.
    m_loader = createClassifier(config, dtype);
    bind(*m_loader, m_buffer);
}

ParameterSpace::~ParameterSpace() = default;

int64_t ParameterSpace::bytesPerModel() const {
    return m_size * static_cast<int64_t>(c10::elementSize(m_dtype));
}

void ParameterSpace::bind(SequenceClassifier& model, const at::Tensor& flat) const {
    ParameterSet& params = model.parameters();
    for (size_t i = 0; i < m_slots.size(); ++i) {
        const ParameterSlot& slot = m_slots[i];
        params.rebind(i, flat.narrow(0, slot.offset, slot.numel).view(slot.shape));
    }
}

void ParameterSpace::checkCompatible(const ModelConfig& other, const std::string& source) const {
    requireSameArchitecture(m_config, "the study's models", other, source);
}

at::Tensor ParameterSpace::load(const CheckpointReader& checkpoint, LoadReport* report) const {
    checkCompatible(checkpoint.config(), checkpoint.directory().string());
    at::Tensor flat = at::empty({m_size}, at::TensorOptions().dtype(m_dtype).device(m_device));
    // loadWeights checks every name and shape and copies into the loader's tensors, which
    // are views into `flat`: one copy from the file into the flat vector.
    bind(*m_loader, flat);
    LoadReport loaded = loadWeights(*m_loader, checkpoint);
    bind(*m_loader, m_buffer);
    if (report)
        *report = std::move(loaded);
    setName(flat, checkpoint.directory().string());
    return flat;
}

void ParameterSpace::setName(const at::Tensor& flat, std::string name) const {
    std::erase_if(m_names, [&](const FlatName& entry) {
        return entry.tensor.expired() ||
               entry.tensor._unsafe_get_target() == flat.unsafeGetTensorImpl();
    });
    m_names.push_back(
        {c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(flat.getIntrusivePtr()),
         std::move(name)});
}

std::string ParameterSpace::nameOf(const at::Tensor& flat) const {
    for (const FlatName& entry : m_names)
        if (!entry.tensor.expired() &&
            entry.tensor._unsafe_get_target() == flat.unsafeGetTensorImpl())
            return entry.name;
    return {};
}

namespace {

std::string number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string orUnnamed(std::string name) {
    return name.empty() ? "an unnamed model" : name;
}

} // namespace

void ParameterSpace::set(const at::Tensor& flat) {
    at::NoGradGuard noGrad;
    m_buffer.copy_(flat);
    m_model->setDescription(nameOf(flat));
}

void ParameterSpace::lerp(const at::Tensor& a, const at::Tensor& b, double alpha) {
    at::NoGradGuard noGrad;
    if (alpha == 0.0)
        m_buffer.copy_(a);
    else if (alpha == 1.0)
        m_buffer.copy_(b);
    else
        at::lerp_out(m_buffer, a, b, alpha);
    m_model->setDescription("the point alpha = " + number(alpha) + " from " + orUnnamed(nameOf(a)) +
                            " to " + orUnnamed(nameOf(b)));
}

void ParameterSpace::combine(const at::Tensor& origin, const at::Tensor& u, double x,
                             const at::Tensor& v, double y) {
    at::NoGradGuard noGrad;
    at::add_out(m_buffer, origin, u, x);
    m_buffer.add_(v, y);
    m_model->setDescription("the plane point (" + number(x) + ", " + number(y) + ") around " +
                            orUnnamed(nameOf(origin)));
}

at::Tensor ParameterSpace::flatten(const SequenceClassifier& model) const {
    checkCompatible(model.config(), "model");
    at::Tensor flat = at::empty({m_size}, at::TensorOptions().dtype(m_dtype).device(m_device));
    const ParameterSet& params = model.parameters();
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < m_slots.size(); ++i)
        flat.narrow(0, m_slots[i].offset, m_slots[i].numel).copy_(params.tensor(i).reshape({-1}));
    return flat;
}

std::vector<NamedTensor> ParameterSpace::unflatten(const at::Tensor& flat) const {
    std::vector<NamedTensor> out;
    out.reserve(m_slots.size());
    for (const ParameterSlot& slot : m_slots)
        out.push_back({slot.name, flat.narrow(0, slot.offset, slot.numel).view(slot.shape)});
    return out;
}

} // namespace bs
