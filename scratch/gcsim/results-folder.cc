#include "results-folder.h"

#include "scenario.h"

#include <filesystem>
#include <unistd.h>

namespace gcsim
{

namespace fs = std::filesystem;

namespace
{

const char* kMarker = "summary.json"; // what makes a folder a gcsim results folder

} // namespace

ResultsFolder::ResultsFolder(const std::string& destination)
  : m_destination(fs::path(destination).lexically_normal().string())
{
    std::error_code ec;
    fs::path dest(m_destination);
    if (dest.filename().empty())
    {
        dest = dest.parent_path();
        m_destination = dest.string();
    }
    if (fs::exists(dest, ec))
    {
        if (!fs::is_directory(dest, ec))
        {
            throw InputError("--out " + destination, "", "exists and is not a folder");
        }
        if (!fs::is_empty(dest, ec) && !fs::exists(dest / kMarker, ec))
        {
            throw InputError("--out " + destination, "",
                             "is a folder that holds files but no gcsim results; gcsim will not "
                             "write over it, pick another --out");
        }
    }
    fs::path parent = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
    std::vector<fs::path> missing;
    for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path())
    {
        missing.push_back(p);
        if (p == p.parent_path())
        {
            break;
        }
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    {
        if (!fs::create_directory(*it, ec))
        {
            while (!m_createdParents.empty())
            {
                fs::remove(m_createdParents.back(), ec);
                m_createdParents.pop_back();
            }
            throw InputError("--out " + destination, "",
                             "cannot create folder " + it->string() + ": " + ec.message());
        }
        m_createdParents.push_back(it->string());
    }
    char host[256] = {0};
    ::gethostname(host, sizeof host - 1);
    fs::path staging = parent / ("." + dest.filename().string() + ".partial-" + host + "-" +
                                 std::to_string(::getpid()));
    fs::remove_all(staging, ec);
    if (!fs::create_directory(staging, ec))
    {
        while (!m_createdParents.empty())
        {
            fs::remove(m_createdParents.back(), ec);
            m_createdParents.pop_back();
        }
        throw InputError("--out " + destination, "",
                         "cannot write in " + parent.string() + ": " + ec.message());
    }
    m_staging = staging.string();
}

ResultsFolder::~ResultsFolder()
{
    if (m_committed)
    {
        return;
    }
    std::error_code ec;
    fs::remove_all(m_staging, ec);
    while (!m_createdParents.empty())
    {
        fs::remove(m_createdParents.back(), ec);
        m_createdParents.pop_back();
    }
}

std::string
ResultsFolder::Path(const std::string& file) const
{
    return (fs::path(m_staging) / file).string();
}

const std::string&
ResultsFolder::Destination() const
{
    return m_destination;
}

bool
ResultsFolder::CommitIfAbsent()
{
    std::error_code ec;
    fs::rename(m_staging, m_destination, ec);
    m_committed = !ec;
    if (ec)
    {
        // Someone else completed it first: theirs stays, this copy goes.
        fs::remove_all(m_staging, ec);
        m_committed = true;
        return false;
    }
    return true;
}

std::string
ResultsFolder::Commit()
{
    std::error_code ec;
    std::string movedTo;
    if (fs::exists(m_destination, ec))
    {
        if (fs::is_empty(m_destination, ec))
        {
            fs::remove(m_destination, ec);
        }
        else
        {
            for (int i = 1;; ++i)
            {
                std::string candidate = m_destination + "." + std::to_string(i);
                if (!fs::exists(candidate, ec))
                {
                    fs::rename(m_destination, candidate);
                    movedTo = candidate;
                    break;
                }
            }
        }
    }
    fs::rename(m_staging, m_destination);
    m_committed = true;
    return movedTo;
}

} // namespace gcsim
