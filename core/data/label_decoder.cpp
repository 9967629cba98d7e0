#include "core/data/label_decoder.h"

#include "core/data/label_mapping.h"

#include <algorithm>
#include <charconv>

namespace bs {

namespace {

bool parseIndex(std::string_view text, int64_t& value) {
    if (text.empty())
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

std::string quotedList(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out += (i > 0 ? ", '" : "'") + names[i] + "'";
    return out;
}

} // namespace

LabelDecoder LabelDecoder::fixed(std::vector<std::string> rawValues, std::vector<std::string> names,
                                 std::string unlabeledValue) {
    LabelDecoder decoder;
    decoder.m_mode = Mode::Fixed;
    decoder.m_raw = std::move(rawValues);
    decoder.m_names = std::move(names);
    decoder.m_unlabeled = std::move(unlabeledValue);
    return decoder;
}

LabelDecoder LabelDecoder::named(std::vector<std::string> names) {
    LabelDecoder decoder;
    decoder.m_mode = Mode::Named;
    decoder.m_names = std::move(names);
    return decoder;
}

LabelDecoder LabelDecoder::automatic() {
    return LabelDecoder();
}

int64_t LabelDecoder::decode(std::string_view value) {
    switch (m_mode) {
    case Mode::Fixed: {
        for (size_t i = 0; i < m_raw.size(); ++i)
            if (m_raw[i] == value)
                return static_cast<int64_t>(i);
        if (!m_unlabeled.empty() && value == m_unlabeled)
            return kUnlabeled;
        std::string message =
            "unknown label '" + std::string(value) + "'; expected " + quotedList(m_raw);
        if (m_raw != m_names)
            message += " (" + quotedList(m_names) + ")";
        if (!m_unlabeled.empty())
            message += ", or '" + m_unlabeled + "' for a row without a gold label";
        throw LabelValueError(message);
    }
    case Mode::Named: {
        for (size_t i = 0; i < m_names.size(); ++i)
            if (sameLabelName(m_names[i], value))
                return static_cast<int64_t>(i);
        int64_t index = 0;
        if (parseIndex(value, index) && index >= 0 && index < static_cast<int64_t>(m_names.size()))
            return index;
        throw LabelValueError("unknown label '" + std::string(value) + "'; labels= names " +
                              quotedList(m_names) + " (a value may also be their index 0.." +
                              std::to_string(m_names.size() - 1) + ")");
    }
    case Mode::Automatic:
        break;
    }
    int64_t index = 0;
    const bool integer = parseIndex(value, index);
    if (integer && m_seen != Seen::Strings) {
        if (index < 0)
            throw LabelValueError("label " + std::string(value) +
                                  " is negative; rows without a label (e.g. -1 in GLUE test "
                                  "sets) cannot be evaluated");
        if (index >= kMaxAutomaticClasses)
            throw LabelValueError(
                "label " + std::string(value) +
                " is too large: without labels= an integer label is a class id, and ids above " +
                std::to_string(kMaxAutomaticClasses - 1) +
                " are refused (the class count is the largest id + 1); give the label names in "
                "order with labels=name0|name1|...");
        m_seen = Seen::Integers;
        m_maxInteger = std::max(m_maxInteger, index);
        return index;
    }
    if (integer || m_seen == Seen::Integers)
        throw LabelValueError(
            "label '" + std::string(value) + "' mixes " +
            (integer ? "an integer with string labels" : "a string with integer labels") +
            " seen on earlier rows; give the label names in order with "
            "labels=name0|name1|...");
    if (value.empty())
        throw LabelValueError("label is empty");
    m_seen = Seen::Strings;
    const auto it = std::find(m_names.begin(), m_names.end(), value);
    if (it != m_names.end())
        return it - m_names.begin();
    m_names.emplace_back(value);
    return static_cast<int64_t>(m_names.size()) - 1;
}

std::string LabelDecoder::name(int64_t id) const {
    if (m_mode == Mode::Automatic && m_seen == Seen::Integers)
        return std::to_string(id);
    return m_names.at(static_cast<size_t>(id));
}

std::vector<std::string> LabelDecoder::names() const {
    if (m_mode == Mode::Automatic && m_seen == Seen::Integers) {
        std::vector<std::string> out;
        for (int64_t i = 0; i <= m_maxInteger; ++i)
            out.push_back(std::to_string(i));
        return out;
    }
    return m_names;
}

} // namespace bs
