#include "core/landscape/direction_options.h"

#include "core/common/error.h"

namespace bs {

const char* biasTreatmentName(BiasTreatment biases) {
    return biases == BiasTreatment::Zero ? "zero" : "keep";
}

BiasTreatment parseBiasTreatment(const std::string& name) {
    if (name == "zero")
        return BiasTreatment::Zero;
    if (name == "keep")
        return BiasTreatment::Keep;
    throw Error("unknown treatment of biases and LayerNorm parameters '" + name +
                "' (expected 'zero' or 'keep')");
}

} // namespace bs
