#include "app/cli/progress_printer.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <unistd.h>

namespace bs::cli {

namespace {
std::atomic<int> g_interrupts{0};

CancelToken& sharedInterruptToken() {
    static CancelToken token;
    return token;
}

extern "C" void onInterrupt(int) {
    if (g_interrupts.fetch_add(1) >= 1)
        std::_Exit(130);
    // The token's flag is a lock-free atomic, so setting it here is signal-safe.
    sharedInterruptToken().cancel();
}
} // namespace

void installInterruptHandler() {
    sharedInterruptToken();
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interruptRequested() {
    return g_interrupts.load() > 0;
}
CancelToken interruptToken() {
    return sharedInterruptToken();
}

std::string formatDuration(double seconds) {
    if (!(seconds >= 0) || seconds > 1e7)
        return "?";
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ldh %02ldm", s / 3600, (s % 3600) / 60);
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%ldm %02lds", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lds", s);
    return buf;
}

ProgressPrinter::ProgressPrinter(std::string label, bool quiet, std::FILE* out)
    : m_label(std::move(label))
    , m_quiet(quiet)
    , m_out(out)
    , m_tty(isatty(fileno(out)) != 0)
    , m_start(std::chrono::steady_clock::now())
    , m_lastPrint(m_start) {}

ProgressPrinter::~ProgressPrinter() {
    finish();
}

ProgressFn ProgressPrinter::callback() {
    return [this](int64_t done, int64_t total, const std::string& message) {
        print(done, total, message);
        return !interruptRequested();
    };
}

void ProgressPrinter::print(int64_t done, int64_t total, const std::string& message) {
    if (m_quiet)
        return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double fraction = total > 0 ? double(done) / double(total) : 0.0;
    const int percent = static_cast<int>(fraction * 100.0);
    const bool last = total > 0 && done >= total;
    const std::string eta =
        done > 0 && !last ? formatDuration(elapsed * (1.0 - fraction) / fraction) : "-";
    if (m_tty) {
        // Redraw at most ~10 times a second.
        if (!last && std::chrono::duration<double>(now - m_lastPrint).count() < 0.1 && m_open)
            return;
        const int width = 30;
        const int filled = static_cast<int>(fraction * width);
        std::string bar(filled, '#');
        bar.resize(width, '.');
        std::fprintf(m_out, "\r%s [%s] %3d%% %lld/%lld  elapsed %s  eta %s  %s\x1b[K",
                     m_label.c_str(), bar.c_str(), percent, static_cast<long long>(done),
                     static_cast<long long>(total), formatDuration(elapsed).c_str(), eta.c_str(),
                     message.c_str());
        std::fflush(m_out);
        m_open = true;
    } else {
        // Plain lines for logs: every 10% and the last step.
        if (!last && percent / 10 == m_lastPercent / 10)
            return;
        std::fprintf(m_out, "%s: %d%% (%lld/%lld) elapsed %s eta %s %s\n", m_label.c_str(), percent,
                     static_cast<long long>(done), static_cast<long long>(total),
                     formatDuration(elapsed).c_str(), eta.c_str(), message.c_str());
        std::fflush(m_out);
    }
    m_lastPercent = percent;
    m_lastPrint = now;
}

void ProgressPrinter::finish() {
    if (m_open && m_tty)
        std::fputc('\n', m_out);
    m_open = false;
}

} // namespace bs::cli
