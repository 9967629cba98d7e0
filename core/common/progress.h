#pragma once
// Progress reporting and cooperative cancellation for long core jobs.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace bs {

// Called by a job as work completes; returning false asks the job to stop at the
// next safe point (between batches), exactly as if the cancel token had been set.
using ProgressFn = std::function<bool(int64_t done, int64_t total, const std::string& message)>;

// Shared flag checked between batches. Copies share the same flag.
class CancelToken {
public:
    CancelToken()
        : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool cancelled() const { return m_flag->load(std::memory_order_relaxed); }
    void reset() const { m_flag->store(false, std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

// Bundles the callback and the token; jobs call step() and throw bs::Cancelled
// when either says stop.
class Progress {
public:
    Progress() = default;
    Progress(ProgressFn fn, CancelToken token = {})
        : m_fn(std::move(fn))
        , m_token(std::move(token)) {}

    // Reports progress; throws bs::Cancelled if the job should stop.
    void step(int64_t done, int64_t total, const std::string& message = {}) const;
    // Reports progress without stopping: for work that must finish its unit first (a point
    // in flight); a callback returning false still sets the token for the next check.
    void report(int64_t done, int64_t total, const std::string& message = {}) const;
    // Throws bs::Cancelled if cancellation was requested, without reporting.
    void checkCancelled() const;
    bool cancelled() const { return m_token.cancelled(); }
    const CancelToken& token() const { return m_token; }

private:
    ProgressFn m_fn;
    CancelToken m_token;
};

} // namespace bs
