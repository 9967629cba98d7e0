#pragma once
// bs::Error: the one exception type core throws, with a message a user can act on.

#include <stdexcept>
#include <string>

namespace bs {

// Messages name the file, the field, and what was expected versus found, e.g.
// "config.json in runs/a: field 'hidden_size' must be a positive integer, found -1".
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message)
        : std::runtime_error(message) {}
};

// Thrown when a job stops because its cancel token was set; what finished is kept.
class Cancelled : public Error {
public:
    Cancelled()
        : Error("cancelled") {}
};

// Prefixes an error message with the file it concerns: "<path>: <message>".
[[noreturn]] void throwFileError(const std::string& path, const std::string& message);

} // namespace bs
