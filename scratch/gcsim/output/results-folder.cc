#include "results-folder.h"

#include "atomic-file.h"
#include "models/network/text-file.h"
#include "scratch/gcsim/scenario.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gcsim
{

namespace fs = std::filesystem;

namespace
{

const char* kLockFile = ".gcsim-lock";          // in a staging folder, flocked while it lives
const char* kLockText = "gcsim staging folder"; // its first words: a lock file of gcsim's
const char* kPartial = ".partial-";

/// The JSON object in \p file, or a discarded value if it is not one (or is not readable).
nlohmann::json
JsonObject(const fs::path& file)
{
    try
    {
        auto j = nlohmann::json::parse(ns3::gcsim::ReadTextFile(file.string(), 256ULL << 20),
                                       nullptr, false);
        return j.is_object() ? j : nlohmann::json(nlohmann::json::value_t::discarded);
    }
    catch (const std::exception&)
    {
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
}

bool
IsEmptyFolder(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_empty(dir, ec) && !ec;
}

/// Whether \p dir is the current folder or one of the folders holding it.
bool
HoldsCurrentFolder(const fs::path& dir)
{
    struct stat d;
    char cwd[PATH_MAX];
    if (::stat(dir.c_str(), &d) != 0 || !::getcwd(cwd, sizeof cwd))
    {
        return false;
    }
    for (fs::path p(cwd);; p = p.parent_path())
    {
        struct stat s;
        if (::stat(p.c_str(), &s) == 0 && s.st_dev == d.st_dev && s.st_ino == d.st_ino)
        {
            return true;
        }
        if (p == p.root_path() || !p.has_parent_path())
        {
            return false;
        }
    }
}

/// What lstat's \p error means for a folder named as an option.
std::string
LookupProblem(int error)
{
    switch (error)
    {
        case ENOTDIR:
            return "a part of the path is a file, not a folder";
        case ELOOP:
            return "the path goes round a loop of symbolic links";
        case ENAMETOOLONG:
            return "the path or one of its names is too long (a name holds at most 255 bytes)";
        default:
            return std::strerror(error);
    }
}

/// The text of symbolic link \p link (for messages).
std::string
LinkText(const fs::path& link)
{
    std::error_code ec;
    std::string text = fs::read_symlink(link, ec).string();
    return ec ? "?" : text;
}

/// Checks what \p dir holds against \p use; InputError naming \p where if it is not fine.
void
CheckContents(const fs::path& dir, FolderUse use, const std::string& where)
{
    if (IsEmptyFolder(dir))
    {
        return;
    }
    bool run = IsRunFolder(dir.string());
    bool sweep = IsSweepFolder(dir.string());
    if (use == FolderUse::RUN && !run)
    {
        throw InputError(where, "",
                         sweep ? "is a sweep folder (it holds sweep.json); gcsim run writes a "
                                 "folder of its own, pick another --out"
                               : "is a folder that holds files but no gcsim results; gcsim will "
                                 "not write over it, pick another --out");
    }
    if (use == FolderUse::SWEEP && !sweep)
    {
        throw InputError(where, "",
                         std::string(run ? "is the results folder of a single run (summary.json)"
                                         : "is a folder that holds files but no gcsim sweep") +
                             "; a sweep writes only into an empty folder or a sweep folder of "
                             "its own (one holding gcsim's sweep.json), pick another --out");
    }
}

/// \p name shortened for a hidden name beside it (a name holds at most 255 bytes).
std::string
Stem(const std::string& name)
{
    return name.substr(0, 100);
}

/**
 * Whether staging folder \p dir is dead: its lock can be taken (its process is gone,
 * whichever host it ran on), or, without a lock file (made by an older gcsim, or in the
 * instant before it is moved into place), its process on this host is gone. A folder whose
 * lock file is not gcsim's is left alone. On true, \p lock holds the lock (or -1).
 */
bool
IsDeadStaging(const fs::path& dir, int& lock)
{
    lock = ::open((dir / kLockFile).c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (lock < 0 && errno == EACCES)
    {
        lock = ::open((dir / kLockFile).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (lock >= 0)
    {
        char text[64] = {0};
        ssize_t n = ::pread(lock, text, sizeof text - 1, 0);
        if (n < 0 || std::strncmp(text, kLockText, std::strlen(kLockText)) != 0 ||
            ::flock(lock, LOCK_EX | LOCK_NB) != 0)
        {
            ::close(lock);
            lock = -1;
            return false;
        }
        return true;
    }
    if (errno != ENOENT)
    {
        return false;
    }
    std::string name = dir.filename().string();
    std::string tag = kPartial + HostName() + "-";
    auto at = name.find(tag);
    if (at == std::string::npos)
    {
        return false;
    }
    char* end = nullptr;
    long pid = std::strtol(name.c_str() + at + tag.size(), &end, 10);
    return end && (*end == '\0' || *end == '-') && pid > 0 && ProcessGone(pid_t(pid));
}

} // namespace

bool
IsRunFolder(const std::string& dir)
{
    auto j = JsonObject(fs::path(dir) / "summary.json");
    return !j.is_discarded() && j.contains("modes") && j["modes"].is_object();
}

bool
IsSweepFolder(const std::string& dir)
{
    auto j = JsonObject(fs::path(dir) / "sweep.json");
    return !j.is_discarded() && j.contains("name") && j.contains("runs") && j["runs"].is_array();
}

std::string
CheckOutFolder(const std::string& typed, FolderUse use, const std::string& option)
{
    std::string where = option + " " + typed;
    if (typed.empty())
    {
        throw InputError(option + " ''", "", "names no folder");
    }
    fs::path dest = fs::path(typed).lexically_normal();
    if (dest.filename().empty() && dest.has_parent_path() && dest != dest.root_path())
    {
        dest = dest.parent_path(); // "x/" is x
    }
    std::string last = dest.filename().string();
    if (dest == dest.root_path() || last == "." || last == ".." || last.empty())
    {
        throw InputError(where, "",
                         std::string(last == ".."  ? "names a folder above the current one"
                                     : last == "." ? "names the current folder"
                                                   : "names the root folder") +
                             "; results go into a folder of their own, e.g. --out results/NAME");
    }
    // Found before anything runs, even below folders that do not exist yet.
    for (const auto& part : dest)
    {
        if (part.string().size() > NAME_MAX || dest.string().size() >= PATH_MAX)
        {
            throw InputError(where, "", LookupProblem(ENAMETOOLONG));
        }
    }
    struct stat st;
    if (::lstat(dest.c_str(), &st) != 0)
    {
        if (errno == ENOENT)
        {
            return dest.string(); // made later, with its missing parents
        }
        throw InputError(where, "", LookupProblem(errno));
    }
    fs::path target = dest;
    if (S_ISLNK(st.st_mode))
    {
        // Followed: a link to a folder elsewhere (a bigger disk) is a deliberate choice, and
        // the link stays as it is, leading to the results.
        char resolved[PATH_MAX];
        if (!::realpath(dest.c_str(), resolved))
        {
            int error = errno;
            throw InputError(where, "",
                             error == ENOENT
                                 ? "is a symbolic link to " + LinkText(dest) +
                                       ", which does not exist; gcsim follows a link to a "
                                       "folder but makes none at its end: create the folder, "
                                       "or pick another --out"
                                 : "is a symbolic link that cannot be followed: " +
                                       LookupProblem(error));
        }
        target = resolved;
        if (::stat(target.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        {
            throw InputError(
                where, "", "is a symbolic link to " + target.string() + ", which is not a folder");
        }
    }
    else if (!S_ISDIR(st.st_mode))
    {
        throw InputError(where, "", "exists and is not a folder");
    }
    if (HoldsCurrentFolder(target))
    {
        throw InputError(where, "",
                         "is the current folder or holds it; results go into a folder of their "
                         "own, e.g. --out results/NAME");
    }
    CheckContents(target, use, where);
    return target.string();
}

StagingFolder::StagingFolder(const std::string& parent, const std::string& name,
                             const std::string& where)
{
    static std::atomic<unsigned> counter{0};
    std::string prefix =
        "." + Stem(name) + kPartial + HostName() + "-" + std::to_string(::getpid()) + "-";
    int error = 0;
    for (int attempt = 0; attempt < 100; ++attempt)
    {
        m_path = (fs::path(parent) / (prefix + std::to_string(counter++))).string();
        m_removal = RemoveOnInterrupt(m_path, RemoveOnInterrupt::TREE);
        if (::mkdir(m_path.c_str(), 0777) == 0)
        {
            error = 0;
            break;
        }
        error = errno;
        if (error != EEXIST)
        {
            break;
        }
    }
    if (error != 0)
    {
        m_removal.Forget();
        throw InputError(where, "", "cannot write in " + parent + ": " + std::strerror(error));
    }
    // Written and locked under another name, then renamed: a lock file others see is whole
    // and taken, and a process killed before the rename leaves none (judged by its id).
    std::string lock = m_path + "/" + kLockFile;
    std::string fresh = lock + ".new";
    m_lock = ::open(fresh.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    std::string text = std::string(kLockText) + " of process " + std::to_string(::getpid()) +
                       " on " + HostName() + "\n";
    if (m_lock < 0 || ::flock(m_lock, LOCK_EX | LOCK_NB) != 0 ||
        ::write(m_lock, text.data(), text.size()) != ssize_t(text.size()) ||
        ::rename(fresh.c_str(), lock.c_str()) != 0)
    {
        // No lock (a full disk, a file system without flock): others judge it by host and
        // process id instead.
        if (m_lock >= 0)
        {
            ::close(m_lock);
            m_lock = -1;
        }
        ::unlink(fresh.c_str());
    }
}

StagingFolder::~StagingFolder()
{
    if (!m_moved)
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    if (m_lock >= 0)
    {
        ::close(m_lock);
    }
}

const std::string&
StagingFolder::Path() const
{
    return m_path;
}

void
StagingFolder::PrepareToMove()
{
    ::unlink((m_path + "/" + kLockFile).c_str());
}

void
StagingFolder::Moved()
{
    m_moved = true;
    m_removal.Forget();
    if (m_lock >= 0)
    {
        ::close(m_lock);
        m_lock = -1;
    }
}

void
RemoveDeadStaging(const std::string& parent)
{
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(parent, ec))
    {
        std::string name = entry.path().filename().string();
        if (name.empty() || name[0] != '.' || name.find(kPartial) == std::string::npos ||
            entry.is_symlink(ec) || !entry.is_directory(ec))
        {
            continue;
        }
        int lock = -1;
        if (IsDeadStaging(entry.path(), lock))
        {
            fs::remove_all(entry.path(), ec);
        }
        if (lock >= 0)
        {
            ::close(lock);
        }
    }
}

ResultsFolder::ResultsFolder(const std::string& destination)
{
    m_target = CheckOutFolder(destination, FolderUse::RUN);
    fs::path shown = fs::path(destination).lexically_normal();
    if (shown.filename().empty() && shown.has_parent_path())
    {
        shown = shown.parent_path();
    }
    m_shown = shown.string();
    std::string where = "--out " + destination;

    std::error_code ec;
    fs::path dest(m_target);
    fs::path parent = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
    struct stat d;
    struct stat p;
    if (::lstat(dest.c_str(), &d) == 0 && ::stat(parent.c_str(), &p) == 0 &&
        (p.st_mode & S_ISVTX) && d.st_uid != ::geteuid() && p.st_uid != ::geteuid() &&
        ::geteuid() != 0)
    {
        throw InputError(where, "",
                         "belongs to another user (uid " + std::to_string(d.st_uid) + "), and " +
                             fs::absolute(parent, ec).lexically_normal().string() +
                             " is a shared folder with the sticky bit, where only a folder's "
                             "owner may move or replace it; gcsim could not put the results "
                             "in place (an earlier results folder is moved aside to " +
                             m_shown + ".1): pick another --out");
    }

    std::vector<fs::path> missing;
    for (fs::path q = parent; !q.empty() && !fs::exists(fs::symlink_status(q, ec));
         q = q.parent_path())
    {
        missing.push_back(q);
        if (q == q.parent_path())
        {
            break;
        }
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    {
        m_parentRemovals.emplace_back(it->string(), RemoveOnInterrupt::EMPTY_FOLDER);
        if (::mkdir(it->c_str(), 0777) != 0)
        {
            int error = errno;
            m_parentRemovals.pop_back();
            if (error == EEXIST && fs::is_directory(*it, ec))
            {
                continue; // made by another run at the same moment: not this one's to remove
            }
            std::string problem = std::strerror(error);
            if (fs::is_symlink(fs::symlink_status(*it, ec)))
            {
                problem = "it is a symbolic link to " + LinkText(*it) + ", which does not exist";
            }
            while (!m_createdParents.empty())
            {
                fs::remove(m_createdParents.back(), ec);
                m_createdParents.pop_back();
            }
            throw InputError(where, "", "cannot create folder " + it->string() + ": " + problem);
        }
        m_createdParents.push_back(it->string());
    }
    if (!fs::is_directory(parent, ec))
    {
        throw InputError(where, "",
                         fs::is_symlink(fs::symlink_status(parent, ec))
                             ? parent.string() + " is a symbolic link to " + LinkText(parent) +
                                   ", which does not exist"
                             : "cannot write in " + parent.string() + ": not a folder");
    }
    RemoveDeadStaging(parent.string());
    try
    {
        m_staging =
            std::make_unique<StagingFolder>(parent.string(), dest.filename().string(), where);
    }
    catch (...)
    {
        while (!m_createdParents.empty())
        {
            fs::remove(m_createdParents.back(), ec);
            m_createdParents.pop_back();
        }
        throw;
    }
}

ResultsFolder::~ResultsFolder()
{
    m_staging.reset();
    if (m_committed)
    {
        return;
    }
    std::error_code ec;
    while (!m_createdParents.empty())
    {
        fs::remove(m_createdParents.back(), ec);
        m_createdParents.pop_back();
    }
}

std::string
ResultsFolder::Path(const std::string& file) const
{
    return (fs::path(m_staging->Path()) / file).string();
}

std::string
ResultsFolder::Shown(const std::string& file) const
{
    return (fs::path(m_shown) / file).string();
}

const std::string&
ResultsFolder::Destination() const
{
    return m_shown;
}

namespace
{

/// rename(2) that never replaces anything at \p to; false with errno set.
bool
RenameNoReplace(const std::string& from, const std::string& to)
{
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
    {
        return true;
    }
    if (errno != EINVAL && errno != ENOSYS)
    {
        return false;
    }
    // A file system without RENAME_NOREPLACE: check, then rename (a narrow race).
    struct stat st;
    if (::lstat(to.c_str(), &st) == 0)
    {
        errno = EEXIST;
        return false;
    }
    return ::rename(from.c_str(), to.c_str()) == 0;
}

bool
Occupied(int error)
{
    return error == EEXIST || error == ENOTEMPTY;
}

} // namespace

bool
ResultsFolder::CommitIfAbsent()
{
    DeferInterrupts defer;
    m_staging->PrepareToMove();
    if (::rename(m_staging->Path().c_str(), m_target.c_str()) == 0)
    {
        m_staging->Moved();
        m_committed = true;
        return true;
    }
    int error = errno;
    if (!Occupied(error))
    {
        throw WriteError("cannot put the results in place at " + m_shown + ": " +
                         std::strerror(error));
    }
    // Someone else completed it first: theirs stays, this copy goes.
    m_staging.reset();
    m_committed = true;
    return false;
}

std::string
ResultsFolder::Commit()
{
    DeferInterrupts defer;
    m_staging->PrepareToMove();
    const std::string& staging = m_staging->Path();
    std::string movedTo;
    // Another run may commit into the same destination at any moment: each round either
    // puts this one in place or moves what is there aside, so every result is kept.
    for (int round = 0; round < 10000; ++round)
    {
        if (::rename(staging.c_str(), m_target.c_str()) == 0)
        {
            m_staging->Moved();
            m_committed = true;
            return movedTo;
        }
        int error = errno;
        if (!Occupied(error))
        {
            throw WriteError("cannot put the results in place at " + m_shown + ": " +
                             std::strerror(error));
        }
        bool foreign = !IsRunFolder(m_target);
        for (int i = 1;; ++i)
        {
            std::string candidate = m_target + "." + std::to_string(i);
            if (foreign)
            {
                // Not gcsim's (put there since the start): left alone; this run goes beside.
                if (RenameNoReplace(staging, candidate))
                {
                    m_staging->Moved();
                    m_committed = true;
                    m_shown += "." + std::to_string(i);
                    return "";
                }
            }
            else if (RenameNoReplace(m_target, candidate))
            {
                movedTo = candidate;
                break;
            }
            if (errno == ENOENT && !foreign)
            {
                break; // moved by another run meanwhile: try again
            }
            if (!Occupied(errno))
            {
                throw WriteError("cannot move " + m_shown + " aside to " + candidate + ": " +
                                 std::strerror(errno));
            }
        }
    }
    throw WriteError("cannot put the results in place at " + m_shown +
                     ": other runs keep taking the place");
}

namespace
{

/// Whether \p source is a sweep's own copy, DIR/inputs/maps/NAME beside DIR/sweep.json.
bool
IsSweepInput(const std::string& source)
{
    namespace fs = std::filesystem;
    fs::path inputs = fs::path(source).parent_path().parent_path();
    std::error_code ec;
    return inputs.filename() == "inputs" && fs::exists(inputs.parent_path() / "sweep.json", ec);
}

} // namespace

void
PlaceScenarioFiles(const std::vector<std::pair<std::string, std::string>>& files,
                   const std::string& folder)
{
    namespace fs = std::filesystem;
    for (const auto& [source, relative] : files)
    {
        fs::path target = fs::path(folder) / relative;
        std::error_code ec;
        if (fs::exists(target, ec))
        {
            continue;
        }
        fs::create_directories(target.parent_path(), ec);
        // A sweep's runs link their inputs' copy (a 100 KB map, thousands of runs) where the
        // file system lets them; anything else is copied, not linked: a user editing the
        // original must not change the results.
        if (IsSweepInput(source))
        {
            fs::create_hard_link(source, target, ec);
            if (!ec)
            {
                continue;
            }
        }
        std::ifstream in(source, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in)
        {
            throw WriteError("cannot copy " + source + " into the results: cannot read it");
        }
        WriteFileAtomically(target.string(), text.str());
    }
}

} // namespace gcsim
