#include "app/gui/progress_throttle.h"

namespace bs::ui {

ProgressThrottle::ProgressThrottle(std::chrono::milliseconds interval)
    : m_interval(interval) {
    start();
}

void ProgressThrottle::start(Clock::time_point now) {
    m_start = now;
    m_last = now;
    m_firstDone = -1;
    m_lastTotal = -1;
    m_shown = false;
}

bool ProgressThrottle::accept(int64_t done, int64_t total, Clock::time_point now) {
    // The rate is measured from the first report of a total (setup such as loading datasets
    // happens before it and would skew the estimate).
    if (total != m_lastTotal) {
        m_firstDone = done;
        m_rateStart = now;
    }
    const bool show = !m_shown || total != m_lastTotal || (total > 0 && done >= total) ||
                      now - m_last >= m_interval;
    m_lastTotal = total;
    if (show) {
        m_shown = true;
        m_last = now;
    }
    return show;
}

double ProgressThrottle::secondsLeft(int64_t done, int64_t total, Clock::time_point now) const {
    const int64_t progressed = done - m_firstDone;
    if (m_firstDone < 0 || progressed <= 0 || total <= 0)
        return -1.0;
    const double elapsed = std::chrono::duration<double>(now - m_rateStart).count();
    return elapsed * double(total - done) / double(progressed);
}

} // namespace bs::ui
