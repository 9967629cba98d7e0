#include "core/common/progress.h"

#include "core/common/error.h"

namespace bs {

void Progress::step(int64_t done, int64_t total, const std::string& message) const {
    report(done, total, message);
    checkCancelled();
}

void Progress::report(int64_t done, int64_t total, const std::string& message) const {
    if (m_fn && !m_fn(done, total, message))
        m_token.cancel();
}

void Progress::checkCancelled() const {
    if (m_token.cancelled())
        throw Cancelled();
}

} // namespace bs
