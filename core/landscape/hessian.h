#pragma once
// The Hessian of the loss at a model through Hessian-vector products (LibTorch double
// backward), as PyHessian (Yao et al. 2020) computes it: the top eigenvalues by Lanczos, the
// trace by Hutchinson's estimator, for all parameters or a group of them.

#include "core/landscape/evaluator.h"
#include "core/landscape/hessian_values.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bs {

class ParameterSpace;
class Progress;
class SequenceClassifier;
struct ParameterSlot;

// v -> H v for the mean loss over the evaluator's whole dataset at `point`, restricted to the
// parameters of a group (the principal block of the Hessian). Vectors are flat over the group
// (its slots in layout order), in the point's dtype and device. Computes in the point's dtype
// with a private model (the space's working model is left alone).
class HessianOperator {
public:
    HessianOperator(const ParameterSpace& space, const at::Tensor& point,
                    const Evaluator& evaluator, const std::string& group, int64_t batchSize);
    ~HessianOperator();

    int64_t size() const { return m_size; }
    // The point the Hessian is taken at (its dtype and device are the vectors').
    const at::Tensor& like() const { return m_point; }
    at::Tensor apply(const at::Tensor& v) const;
    // The gradient over the group of the mean loss at `point` (a full flat vector): first
    // order only, e.g. for finite differences.
    at::Tensor gradient(const at::Tensor& point) const;
    // The group of a full flat vector, and back (other parameters from `base`).
    at::Tensor gather(const at::Tensor& full) const;
    at::Tensor scatter(const at::Tensor& group, const at::Tensor& base) const;

private:
    at::Tensor bindLeaf(const at::Tensor& point) const;

    const Evaluator& m_evaluator;
    std::vector<ParameterSlot> m_layout;
    std::vector<std::pair<int64_t, int64_t>> m_ranges; // (offset, numel) of the group's slots
    int64_t m_size = 0;
    at::Tensor m_point;
    std::unique_ptr<SequenceClassifier> m_model;
    std::vector<std::vector<int64_t>> m_batches;
};

// Top eigenvalues (Lanczos with full reorthogonalisation) and trace (Hutchinson) of `op`.
// Deterministic for a seed (given the thread count). Cancellable between products.
HessianValue hessianSpectrum(const HessianOperator& op, const HessianOptions& options,
                             const Progress& progress);

} // namespace bs
