#pragma once
// How a curve between two models is trained (Garipov et al. 2018), torch-free so that the study
// can record it with the trained curve.

#include "core/common/error.h"

#include <cstdint>
#include <string>

namespace bs {

// A quadratic Bezier curve (1-t)^2 a + 2t(1-t) c + t^2 b, or a polychain: the segments a -> c
// (t in [0, 1/2]) and c -> b.
enum class CurveKind { Bezier, Polychain };

enum class CurveOptimizer { Adam, Sgd };

struct CurveTrainingOptions {
    CurveKind kind = CurveKind::Bezier;
    int64_t steps = 300;
    double learningRate = 1e-3;
    int64_t batchSize = 32;
    CurveOptimizer optimizer = CurveOptimizer::Adam; // SGD: plain steps, no momentum
    uint64_t seed = 0;                               // t per step and the batch order
    bool operator==(const CurveTrainingOptions&) const = default;
};

inline const char* curveKindName(CurveKind kind) {
    return kind == CurveKind::Bezier ? "bezier" : "polychain";
}

// bs::Error unless "bezier" or "polychain".
inline CurveKind parseCurveKind(const std::string& name) {
    if (name == "bezier")
        return CurveKind::Bezier;
    if (name == "polychain")
        return CurveKind::Polychain;
    throw Error("unknown curve kind '" + name + "' (expected 'bezier' or 'polychain')");
}

inline const char* curveOptimizerName(CurveOptimizer optimizer) {
    return optimizer == CurveOptimizer::Adam ? "adam" : "sgd";
}

// bs::Error unless "adam" or "sgd".
inline CurveOptimizer parseCurveOptimizer(const std::string& name) {
    if (name == "adam")
        return CurveOptimizer::Adam;
    if (name == "sgd")
        return CurveOptimizer::Sgd;
    throw Error("unknown optimizer '" + name + "' (expected 'adam' or 'sgd')");
}

} // namespace bs
