#pragma once
// h5::Handle, h5::Session: owning HDF5 identifiers, and the lock and error silencing every HDF5
// call runs under.

#include <hdf5.h>

#include <mutex>
#include <string>

namespace bs::h5 {

// An HDF5 identifier closed by its matching H5*close function.
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer close)
        : m_id(id)
        , m_close(close) {}
    Handle(Handle&& other) noexcept
        : m_id(other.m_id)
        , m_close(other.m_close) {
        other.m_id = -1;
    }
    Handle& operator=(Handle&& other) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }
    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    void reset();
    // Gives up ownership without closing.
    hid_t release() {
        const hid_t id = m_id;
        m_id = -1;
        return id;
    }

private:
    hid_t m_id = -1;
    Closer m_close = nullptr;
};

// Holds the process-wide HDF5 mutex (Debian's HDF5 is not thread-safe) and silences HDF5's own
// error printing for its lifetime; every h5::File operation must run inside one.
class Session {
public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

private:
    std::unique_lock<std::recursive_mutex> m_lock;
    H5E_auto2_t m_oldFunc = nullptr;
    void* m_oldData = nullptr;
};

// The innermost message of HDF5's current error stack (empty when none); clears the stack.
std::string takeErrorDetail();

} // namespace bs::h5
