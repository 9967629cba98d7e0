#include "core/io/json_depth_limit.h"

#include "core/common/error.h"

namespace bs {

nlohmann::json::parser_callback_t jsonDepthLimit(const std::string& file, int maxDepth) {
    return [file, maxDepth](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
        if ((event == nlohmann::json::parse_event_t::object_start ||
             event == nlohmann::json::parse_event_t::array_start) &&
            depth >= maxDepth)
            throwFileError(file, "JSON nested more than " + std::to_string(maxDepth) +
                                     " levels deep (objects and arrays inside one another); "
                                     "the file is damaged or not what it claims to be");
        return true;
    };
}

} // namespace bs
