#include "results-path.h"

#include <filesystem>

namespace gcsim
{

namespace fs = std::filesystem;

std::optional<std::string>
PathInside(const std::string& root, const std::string& relative)
{
    if (relative.empty() || relative.find('\0') != std::string::npos || relative[0] == '/' ||
        relative.find('\\') != std::string::npos)
    {
        return std::nullopt;
    }
    fs::path rel(relative);
    for (const auto& part : rel)
    {
        const std::string name = part.string();
        // Hidden names too: a run's staging folder (.NAME.partial-...) is not a result yet.
        if (name.empty() || name[0] == '.')
        {
            return std::nullopt;
        }
    }
    std::error_code ec;
    fs::path base = fs::canonical(root, ec);
    if (ec)
    {
        return std::nullopt;
    }
    fs::path file = fs::weakly_canonical(base / rel, ec);
    if (ec)
    {
        return std::nullopt;
    }
    // Below base, component by component: "/a/bc" is not inside "/a/b".
    auto b = base.begin();
    auto f = file.begin();
    for (; b != base.end(); ++b, ++f)
    {
        if (f == file.end() || *f != *b)
        {
            return std::nullopt;
        }
    }
    if (f == file.end())
    {
        return std::nullopt; // the folder itself
    }
    return file.string();
}

} // namespace gcsim
