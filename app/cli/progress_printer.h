#pragma once
// ProgressPrinter: a progress bar with ETA on a terminal, plain lines otherwise.

#include "core/common/progress.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace bs::cli {

class ProgressPrinter {
public:
    // `label` prefixes every line, e.g. "curves".
    explicit ProgressPrinter(std::string label, bool quiet = false, std::FILE* out = stderr);
    ~ProgressPrinter();

    // A callback for core jobs; it also returns false once Ctrl-C was pressed.
    ProgressFn callback();
    // Ends the bar (newline on a terminal).
    void finish();

private:
    void print(int64_t done, int64_t total, const std::string& message);

    std::string m_label;
    bool m_quiet;
    std::FILE* m_out;
    bool m_tty;
    bool m_open = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastPrint;
    int m_lastPercent = -1;
};

// Installs a SIGINT handler: the first Ctrl-C asks running jobs to stop after the
// point in flight (they flush and exit non-zero); a second one exits at once.
void installInterruptHandler();
bool interruptRequested();
// A token cancelled by Ctrl-C, for jobs that take a CancelToken.
CancelToken interruptToken();

// "1h 02m", "3m 10s", "12s".
std::string formatDuration(double seconds);

} // namespace bs::cli
