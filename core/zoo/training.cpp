#include "core/zoo/training.h"

#include "core/data/sampling.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <cmath>

#include <dlfcn.h>

namespace bs::zoo {

namespace {

// OpenBLAS runs its own thread pool beside LibTorch's; found at run time when the process
// has it (Debian's LibTorch does), a no-op otherwise.
void setBlasThreads(int threads) {
    using Setter = void (*)(int);
    static const auto set =
        reinterpret_cast<Setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (set)
        set(threads);
}

} // namespace

uint64_t deriveSeed(uint64_t base, const std::string& tag, uint64_t k) {
    uint64_t state = base;
    for (unsigned char ch : tag)
        state = SplitMix64(state ^ ch).next();
    return SplitMix64(state ^ (k * 0x9E3779B97F4A7C15ull)).next();
}

TokenBatch padBatch(const std::vector<std::vector<int64_t>>& ids,
                    const std::vector<std::vector<int64_t>>& types, int64_t padId) {
    const int64_t rows = static_cast<int64_t>(ids.size());
    size_t longest = 0;
    for (const auto& row : ids)
        longest = std::max(longest, row.size());
    const int64_t length = static_cast<int64_t>(longest);
    at::Tensor input = at::full({rows, length}, padId, at::kLong);
    at::Tensor mask = at::zeros({rows, length}, at::kLong);
    at::Tensor type = at::zeros({rows, length}, at::kLong);
    int64_t* in = input.data_ptr<int64_t>();
    int64_t* ma = mask.data_ptr<int64_t>();
    int64_t* ty = type.data_ptr<int64_t>();
    for (int64_t r = 0; r < rows; ++r) {
        const auto& row = ids[size_t(r)];
        for (size_t k = 0; k < row.size(); ++k) {
            in[r * length + int64_t(k)] = row[k];
            ma[r * length + int64_t(k)] = 1;
            if (!types.empty())
                ty[r * length + int64_t(k)] = types[size_t(r)][k];
        }
    }
    return TokenBatch{input, mask, type};
}

double linearWarmupDecay(int64_t step, int64_t total, int64_t warmup, double peak) {
    if (step < warmup)
        return peak * double(step + 1) / double(std::max<int64_t>(1, warmup));
    return peak *
           std::max(0.0, double(total - step) / double(std::max<int64_t>(1, total - warmup)));
}

struct AdamW::Impl {
    std::vector<at::Tensor> params;
    std::unique_ptr<torch::optim::AdamW> optimizer;
};

AdamW::AdamW(const std::vector<at::Tensor>& params, const std::vector<std::string>& names,
             double weightDecay)
    : m_impl(std::make_unique<Impl>()) {
    std::vector<at::Tensor> decay, noDecay;
    for (size_t i = 0; i < params.size(); ++i) {
        const std::string& n = names[i];
        const bool exempt = n.find("LayerNorm") != std::string::npos ||
                            (n.size() >= 5 && n.compare(n.size() - 5, 5, ".bias") == 0);
        (exempt ? noDecay : decay).push_back(params[i]);
    }
    m_impl->params = params;
    std::vector<torch::optim::OptimizerParamGroup> groups;
    // BERT's eps (1e-6); betas as in torch and transformers.
    auto decayOptions = std::make_unique<torch::optim::AdamWOptions>(1e-3);
    decayOptions->eps(1e-6).weight_decay(weightDecay);
    auto plainOptions = std::make_unique<torch::optim::AdamWOptions>(1e-3);
    plainOptions->eps(1e-6).weight_decay(0.0);
    groups.emplace_back(decay, std::move(decayOptions));
    groups.emplace_back(noDecay, std::move(plainOptions));
    torch::optim::AdamWOptions defaults(1e-3);
    defaults.eps(1e-6).weight_decay(weightDecay);
    m_impl->optimizer = std::make_unique<torch::optim::AdamW>(std::move(groups), defaults);
}

AdamW::~AdamW() = default;

void AdamW::zeroGrad() {
    for (at::Tensor& p : m_impl->params)
        if (p.grad().defined())
            p.mutable_grad().zero_();
}

double AdamW::step(double lr, double maxNorm) {
    double norm = 0.0;
    {
        const at::NoGradGuard noGrad;
        at::Tensor total = at::zeros({}, at::kDouble);
        for (const at::Tensor& p : m_impl->params)
            if (p.grad().defined())
                total += p.grad().to(at::kDouble).pow(2).sum();
        norm = std::sqrt(total.item<double>());
        if (maxNorm > 0 && norm > maxNorm) {
            const double scale = maxNorm / (norm + 1e-6);
            for (at::Tensor& p : m_impl->params)
                if (p.grad().defined())
                    p.mutable_grad().mul_(scale);
        }
    }
    for (auto& group : m_impl->optimizer->param_groups())
        group.options().set_lr(lr);
    m_impl->optimizer->step();
    return norm;
}

void setRequiresGrad(SequenceClassifier& model, bool requiresGrad) {
    ParameterSet& params = model.parameters();
    for (size_t i = 0; i < params.size(); ++i) {
        at::Tensor t = params.tensor(i);
        t.requires_grad_(requiresGrad);
    }
}

int useSingleThread() {
    const int previous = at::get_num_threads();
    at::set_num_threads(1);
    setBlasThreads(1);
    return previous;
}

void restoreThreads(int threads) {
    at::set_num_threads(threads);
    setBlasThreads(threads);
}

} // namespace bs::zoo
