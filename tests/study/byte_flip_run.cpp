#include "tests/study/byte_flip_run.h"

#include "core/common/error.h"
#include "core/study/study_store.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bs::test {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

enum ChildExit : int { kRead = 0, kNamedError = 10, kUnnamedError = 11, kForeign = 12 };

struct Damage {
    uint64_t offset = 0;
    std::string bytes; // what replaces the original bytes there
};

struct Child {
    pid_t pid = -1;
    int pipe = -1;
    Clock::time_point start;
    fs::path copy;
    Damage damage;
    std::string message;
};

std::string describe(const Child& c) {
    return c.copy.filename().string() + " (" + std::to_string(c.damage.bytes.size()) +
           " bytes at offset " + std::to_string(c.damage.offset) + ")";
}

// Runs in the child: reads the copy and reports through the exit status (and the pipe).
[[noreturn]] void readInChild(const fs::path& copy, int pipe) {
    // A damaged size must end in an error, not in the machine's memory running out. (Not under
    // AddressSanitizer, built in or preloaded: it reserves terabytes of address space itself.)
    if (!::dlsym(RTLD_DEFAULT, "__asan_init")) {
        const rlimit limit{4ull << 30, 4ull << 30};
        ::setrlimit(RLIMIT_AS, &limit);
    }
    int status = kRead;
    std::string message;
    try {
        (void)readStudy(copy);
    } catch (const Error& e) {
        message = e.what();
        status = message.find(copy.string()) != std::string::npos ? kNamedError : kUnnamedError;
    } catch (const std::exception& e) {
        message = std::string("not a bs::Error: ") + e.what();
        status = kForeign;
    }
    for (size_t done = 0; done < message.size();) {
        const ssize_t n = ::write(pipe, message.data() + done, message.size() - done);
        if (n <= 0)
            break;
        done += static_cast<size_t>(n);
    }
    ::_exit(status); // no atexit handlers: the parent's HDF5 state is not the child's to close
}

void drain(Child& c) {
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(c.pipe, buffer, sizeof buffer);
        if (n <= 0)
            return;
        c.message.append(buffer, static_cast<size_t>(n));
    }
}

} // namespace

ByteFlipReport flipAndRead(const fs::path& study, int64_t count, uint64_t seed,
                           const fs::path& work, int parallel, double timeLimitSeconds) {
    std::ifstream in(study, std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(in)), {});
    if (original.size() < 16)
        throw std::runtime_error(study.string() + " is too small to damage");
    std::mt19937_64 rng(seed);
    const size_t sizes[] = {1, 4, 16};

    ByteFlipReport report;
    const auto begin = Clock::now();
    std::vector<Child> running;
    int64_t next = 0;
    while (next < count || !running.empty()) {
        while (next < count && static_cast<int>(running.size()) < parallel) {
            Child c;
            const size_t size = sizes[next % 3];
            c.damage.offset =
                std::uniform_int_distribution<uint64_t>(0, original.size() - size)(rng);
            std::string copy = original;
            for (size_t i = 0; i < size; ++i) {
                // XOR with a non-zero byte: every damaged byte really changes.
                const auto x = static_cast<char>(std::uniform_int_distribution<int>(1, 255)(rng));
                copy[c.damage.offset + i] = static_cast<char>(copy[c.damage.offset + i] ^ x);
            }
            c.damage.bytes = copy.substr(c.damage.offset, size);
            c.copy = work / ("copy-" + std::to_string(next) + ".h5");
            std::ofstream(c.copy, std::ios::binary)
                .write(copy.data(), static_cast<std::streamsize>(copy.size()));
            int fds[2];
            if (::pipe2(fds, O_CLOEXEC) != 0)
                throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
            c.start = Clock::now();
            c.pid = ::fork();
            if (c.pid < 0)
                throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
            if (c.pid == 0) {
                ::close(fds[0]);
                readInChild(c.copy, fds[1]);
            }
            ::close(fds[1]);
            ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
            c.pipe = fds[0];
            running.push_back(std::move(c));
            ++next;
            ++report.copies;
        }
        for (size_t i = 0; i < running.size();) {
            Child& c = running[i];
            drain(c);
            int status = 0;
            pid_t done = ::waitpid(c.pid, &status, WNOHANG);
            const double seconds = std::chrono::duration<double>(Clock::now() - c.start).count();
            bool hung = false;
            if (done == 0 && seconds > timeLimitSeconds) {
                ::kill(c.pid, SIGKILL);
                done = ::waitpid(c.pid, &status, 0);
                hung = true;
            }
            if (done == 0) {
                ++i;
                continue;
            }
            drain(c);
            ::close(c.pipe);
            report.slowestSeconds = std::max(report.slowestSeconds, seconds);
            bool keep = true;
            if (hung) {
                ++report.hangs;
                report.problems.push_back("hang: " + describe(c));
            } else if (WIFSIGNALED(status)) {
                ++report.crashes;
                report.problems.push_back("crash (signal " + std::to_string(WTERMSIG(status)) +
                                          "): " + describe(c));
            } else {
                switch (WEXITSTATUS(status)) {
                case kRead:
                    ++report.read;
                    keep = false;
                    break;
                case kNamedError:
                    ++report.errors;
                    keep = false;
                    break;
                case kUnnamedError:
                    ++report.unnamed;
                    report.problems.push_back("error without the file's name: " + describe(c) +
                                              ": " + c.message);
                    break;
                default:
                    ++report.foreign;
                    report.problems.push_back("unexpected exit " +
                                              std::to_string(WEXITSTATUS(status)) + ": " +
                                              describe(c) + ": " + c.message);
                }
            }
            if (!keep)
                fs::remove(c.copy);
            running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (!running.empty())
            ::usleep(500);
    }
    report.wallSeconds = std::chrono::duration<double>(Clock::now() - begin).count();
    return report;
}

} // namespace bs::test
