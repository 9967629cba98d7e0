#include "core/common/error.h"

namespace bs {

void throwFileError(const std::string& path, const std::string& message) {
    throw Error(path + ": " + message);
}

} // namespace bs
