#include "app/cli/text_output.h"

#include "core/io/atomic_file.h"

#include <iostream>

namespace bs::cli {

void writeTextOutput(const std::string& path, const std::string& text, bool quiet) {
    if (path == "-") {
        std::cout << text;
        return;
    }
    AtomicFile file(path);
    file.write(text.data(), text.size());
    file.commit();
    if (!quiet)
        std::cerr << "wrote " << path << "\n";
}

std::string shortened(const std::string& text, size_t width) {
    if (text.size() <= width || width < 4)
        return text;
    // Cut at a UTF-8 character boundary.
    size_t cut = width - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

} // namespace bs::cli
