#pragma once
// LabelDecoder: label values as written in a file -> label ids and canonical names.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bs {

// Thrown by LabelDecoder::decode with a message that has no location; readers add the file,
// line and column.
class LabelValueError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class LabelDecoder {
public:
    static constexpr int64_t kUnlabeled = -2;
    // Without label names an integer label is a class id and the class count is the largest
    // id + 1; a damaged value such as 1000000 would otherwise make a million classes.
    static constexpr int64_t kMaxAutomaticClasses = 10000;

    // GLUE-style files: rawValues[id] is how label id is written, names[id] its canonical name;
    // unlabeledValue (may be empty = none) marks rows without a label (MNLI "-").
    static LabelDecoder fixed(std::vector<std::string> rawValues, std::vector<std::string> names,
                              std::string unlabeledValue = {});
    // labels= given: a value is one of the names (sameLabelName) or an index 0..K-1.
    static LabelDecoder named(std::vector<std::string> names);
    // No names given: decimal integers 0..K-1 named "0".."K-1" (K = largest + 1), or strings
    // with ids in first-seen order; mixing the two is an error.
    static LabelDecoder automatic();

    // The id of a value, or kUnlabeled. Throws LabelValueError listing the known labels.
    int64_t decode(std::string_view value);
    // Canonical name of an id seen so far (filters compare against it).
    std::string name(int64_t id) const;
    // Final ordered names (automatic integers: "0".."K-1").
    std::vector<std::string> names() const;

private:
    enum class Mode { Fixed, Named, Automatic };
    enum class Seen { Nothing, Integers, Strings };
    Mode m_mode = Mode::Automatic;
    Seen m_seen = Seen::Nothing;
    std::vector<std::string> m_raw;
    std::vector<std::string> m_names;
    std::string m_unlabeled;
    int64_t m_maxInteger = -1;
};

} // namespace bs
