#include "core/study/h5_handle.h"

#include <vector>

namespace bs::h5 {

namespace {

std::recursive_mutex& hdf5Mutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

herr_t collect(unsigned, const H5E_error2_t* error, void* data) {
    static_cast<std::vector<std::string>*>(data)->emplace_back(error->desc ? error->desc : "");
    return 0;
}

} // namespace

Handle& Handle::operator=(Handle&& other) noexcept {
    if (this != &other) {
        reset();
        m_id = other.m_id;
        m_close = other.m_close;
        other.m_id = -1;
    }
    return *this;
}

void Handle::reset() {
    if (m_id >= 0 && m_close)
        m_close(m_id);
    m_id = -1;
}

Session::Session()
    : m_lock(hdf5Mutex()) {
    H5Eget_auto2(H5E_DEFAULT, &m_oldFunc, &m_oldData);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Session::~Session() {
    H5Eset_auto2(H5E_DEFAULT, m_oldFunc, m_oldData);
}

std::string takeErrorDetail() {
    std::vector<std::string> stack; // innermost first
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect, &stack);
    H5Eclear2(H5E_DEFAULT);
    // A failed system call comes as "file write failed: time = ..., filename = ..., errno = 28,
    // error message = 'No space left on device', buf = ..." over several lines, not always
    // innermost (a failed close adds errors of its own); what a user can act on is the
    // operation and the system's reason.
    const std::string marker = "error message = '";
    for (const std::string& detail : stack)
        if (const auto at = detail.find(marker); at != std::string::npos) {
            const auto from = at + marker.size();
            const auto to = detail.find('\'', from);
            return detail.substr(0, detail.find(':')) + " (" +
                   detail.substr(from, to == std::string::npos ? to : to - from) + ")";
        }
    return stack.empty() ? std::string() : stack.front();
}

} // namespace bs::h5
