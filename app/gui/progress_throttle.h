#pragma once
// ProgressThrottle: turns a job's frequent progress callbacks into at most ~20 updates a
// second, with an estimate of the time remaining.

#include <chrono>
#include <cstdint>

namespace bs::ui {

class ProgressThrottle {
public:
    using Clock = std::chrono::steady_clock;

    explicit ProgressThrottle(std::chrono::milliseconds interval = std::chrono::milliseconds(50));

    // Starts timing a job (the ETA counts from here).
    void start(Clock::time_point now = Clock::now());
    // True when this step should be shown: the first one, the last one (done == total), a
    // change of total, or `interval` after the last shown step.
    bool accept(int64_t done, int64_t total, Clock::time_point now = Clock::now());
    // Seconds left at the average rate since the first step with work done; negative when
    // unknown (nothing done yet).
    double secondsLeft(int64_t done, int64_t total, Clock::time_point now = Clock::now()) const;

private:
    std::chrono::milliseconds m_interval;
    Clock::time_point m_start{};
    Clock::time_point m_last{};
    int64_t m_firstDone = -1; // `done` when the rate clock started
    Clock::time_point m_rateStart{};
    int64_t m_lastTotal = -1;
    bool m_shown = false;
};

} // namespace bs::ui
