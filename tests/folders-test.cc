// Results folders under faults and mistakes: --out values that are user mistakes, folders
// that are not gcsim's, another user's folder in a sticky shared folder, concurrent runs into
// one --out, SIGINT/SIGTERM/SIGKILL during a run and a sweep, a full disk, and pcap files
// against the open-file limit. Every wait is for a state of the file system or of a process,
// never for a time: the same commit always gets the same verdict.
#include "scratch/gcsim/output/atomic-file.h"
#include "scratch/gcsim/output/results-folder.h"
#include "scratch/gcsim/report/html-report.h"
#include "scratch/gcsim/sweep/sweep.h"
#include "test-utilities.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <grp.h>
#include <map>
#include <set>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace gcsim::test
{
namespace
{

namespace fs = std::filesystem;

const char* kScenario = R"(name = "folders"
[topology]
kind = "lan"
clients = 8
[group]
members = [1, 2, 3]
[traffic]
messages = 5
size = 100
[delivery]
modes = ["unicast", "multicast"]
)";

/// Every file below \p folder with its bytes, and every folder and link: what "unchanged" means.
std::map<std::string, std::string>
Snapshot(const std::string& folder, const std::string& prefix = "")
{
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(folder))
    {
        std::string relative = prefix + e.path().filename().string();
        fs::file_status status = fs::symlink_status(e.path());
        if (fs::is_symlink(status))
        {
            files[relative] = "link to " + fs::read_symlink(e.path()).string();
        }
        else if (fs::is_directory(status))
        {
            files[relative] = "folder";
            auto below = Snapshot(e.path().string(), relative + "/");
            files.insert(below.begin(), below.end());
        }
        else
        {
            files[relative] = ReadFile(e.path().string());
        }
    }
    return files;
}

/// Names below \p folder holding \p part (".partial-", ".tmp-").
std::vector<std::string>
EntriesHolding(const std::string& folder, const std::string& part)
{
    std::vector<std::string> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    {
        if (it->path().filename().string().find(part) != std::string::npos)
        {
            found.push_back(it->path().string());
        }
    }
    return found;
}

bool
IsRoot()
{
    return ::geteuid() == 0;
}

// ---- Child processes -------------------------------------------------------------------

/// The gcsim program started with \p args; \p setup runs in the child before exec (cwd,
/// limits, user, descriptors). Standard output and error go to \p out and \p err unless
/// \p setup redirects them.
pid_t
Start(const std::vector<std::string>& args, const std::string& out, const std::string& err,
      const std::function<void()>& setup = {})
{
    pid_t pid = ::fork();
    if (pid == 0)
    {
        int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0)
        {
            ::_exit(126);
        }
        ::dup2(o, STDOUT_FILENO);
        ::dup2(e, STDERR_FILENO);
        ::close(o);
        ::close(e);
        if (setup)
        {
            setup();
        }
        std::vector<std::string> copy = args;
        std::string program = GCSIM_BINARY;
        std::vector<char*> argv = {program.data()};
        for (auto& a : copy)
        {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

/// Waits for \p pid to end; its wait status.
int
Wait(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    return status;
}

/**
 * Waits until \p holds is true. If \p pid ends first, that is a failure (returns false with
 * its status in \p status): the state waited for is one the child cannot leave on its own.
 */
bool
WaitUntil(const std::function<bool()>& holds, pid_t pid, int& status)
{
    while (!holds())
    {
        if (::waitpid(pid, &status, WNOHANG) == pid)
        {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

/**
 * A pipe whose buffer is already full and never read: a process writing its standard output
 * into it blocks at its first write, for as long as the pipe is open. A run prints its first
 * line ("simulating ...") after its staging folder exists and before it commits, so it stays
 * in that state until signalled.
 */
class FullPipe
{
public:
    FullPipe()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
        {
            ADD_FAILURE() << "pipe: " << std::strerror(errno);
            return;
        }
        m_read = fds[0];
        m_write = fds[1];
        ::fcntl(m_write, F_SETPIPE_SZ, 4096);
        int flags = ::fcntl(m_write, F_GETFL);
        ::fcntl(m_write, F_SETFL, flags | O_NONBLOCK);
        char block[4096] = {0};
        while (::write(m_write, block, sizeof block) > 0 || errno == EINTR)
        {
        }
        ::fcntl(m_write, F_SETFL, flags);
    }
    ~FullPipe()
    {
        ::close(m_read);
        ::close(m_write);
    }
    FullPipe(const FullPipe&) = delete;
    FullPipe& operator=(const FullPipe&) = delete;
    int WriteEnd() const
    {
        return m_write;
    }

private:
    int m_read{-1};
    int m_write{-1};
};

/// A tmpfs of \p size mounted on a fresh folder, unmounted (lazily) with the object.
class Tmpfs
{
public:
    Tmpfs(const std::string& path, const std::string& size)
      : m_path(path)
    {
        fs::create_directories(path);
        m_mounted = ::mount("tmpfs", path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                            ("size=" + size + ",mode=0755").c_str()) == 0;
        m_error = m_mounted ? "" : std::strerror(errno);
    }
    ~Tmpfs()
    {
        if (m_mounted)
        {
            ::umount2(m_path.c_str(), MNT_DETACH);
        }
    }
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;
    bool Mounted() const
    {
        return m_mounted;
    }
    const std::string& Error() const
    {
        return m_error;
    }
    /// Writes a file until the file system is full.
    void Fill() const
    {
        int fd = ::open((m_path + "/filler").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        std::vector<char> block(65536, 'x');
        for (std::size_t size = block.size(); size > 0; size /= 2)
        {
            while (::write(fd, block.data(), size) == ssize_t(size))
            {
            }
        }
        ::close(fd);
    }

private:
    std::string m_path;
    bool m_mounted{false};
    std::string m_error;
};

// ---- Class 7: user mistakes in --out and --shard ---------------------------------------

struct Mistake
{
    const char* title;
    std::vector<std::string>
        args; //!< after "run SCENARIO" ("@" starts a path in the scratch folder)
    std::vector<std::string> mustSay;
};

void
PrintTo(const Mistake& m, std::ostream* os)
{
    *os << m.title;
}

class OutMistakes : public ::testing::TestWithParam<Mistake>
{
};

/// Each mistake: exit 2 before anything is simulated, the argument named, nothing on
/// standard output, nothing written or changed in the scratch folder.
TEST_P(OutMistakes, ExitTwoNamingTheArgumentAndWriteNothing)
{
    const Mistake& m = GetParam();
    ScratchFolder dir;
    ScratchFolder logs;
    // A sweep's mistakes in a file that has something to sweep (one without is refused).
    WriteFile(dir / "s.toml", std::string(kScenario) +
                                  (m.args.front() == "sweep" ? "[sweep]\nrepetitions = 1\n" : ""));
    fs::create_directories(dir / "work");
    fs::create_symlink(dir / "nowhere", dir / "dangling");
    fs::create_symlink(dir / "loop-b", dir / "loop-a");
    fs::create_symlink(dir / "loop-a", dir / "loop-b");
    fs::create_symlink(dir / "s.toml", dir / "to-a-file");
    auto before = Snapshot(dir.Path());
    std::vector<std::string> args = {m.args.front(), dir / "s.toml"};
    for (std::size_t i = 1; i < m.args.size(); ++i)
    {
        const std::string& a = m.args[i];
        args.push_back(a.rfind("@", 0) == 0 ? dir.Path() + a.substr(1) : a);
    }
    pid_t pid = Start(args, logs / "out", logs / "err",
                      [&] { EXPECT_EQ(::chdir((dir / "work").c_str()), 0); });
    int status = Wait(pid);
    std::string err = ReadFile(logs / "err");
    ASSERT_TRUE(WIFEXITED(status)) << err;
    EXPECT_EQ(WEXITSTATUS(status), 2) << err;
    EXPECT_EQ(err.rfind("gcsim: error: ", 0), 0U) << err;
    for (std::string s : m.mustSay)
    {
        if (s.find('@') != std::string::npos)
        {
            s.replace(s.find('@'), 1, dir.Path());
        }
        EXPECT_NE(err.find(s), std::string::npos) << "expected '" << s << "' in: " << err;
    }
    EXPECT_EQ(ReadFile(logs / "out"), "");
    EXPECT_EQ(Snapshot(dir.Path()), before);
}

INSTANTIATE_TEST_SUITE_P(
    Folders, OutMistakes,
    ::testing::Values(
        Mistake{"OutDot", {"run", "--out", "."}, {"--out .:", "the current folder"}},
        Mistake{"OutDotDot", {"run", "--out", ".."}, {"--out ..:", "above the current one"}},
        Mistake{"OutRoot", {"run", "--out", "/"}, {"--out /:", "the root folder"}},
        Mistake{"OutBackToItself", {"run", "--out", "x/../."}, {"--out x/../.:", "current folder"}},
        Mistake{"OutTheCurrentFolderByItsPath",
                {"run", "--out", "@/work"},
                {"--out @/work:", "is the current folder or holds it"}},
        Mistake{"OutAFolderHoldingTheCurrentOne",
                {"run", "--out", "@"},
                {"is the current folder or holds it"}},
        Mistake{"OutADanglingLink",
                {"run", "--out", "@/dangling"},
                {"--out @/dangling:", "symbolic link to @/nowhere, which does not exist"}},
        Mistake{"OutALinkLoop", {"run", "--out", "@/loop-a"}, {"--out @/loop-a:", "loop"}},
        Mistake{"OutALinkToAFile",
                {"run", "--out", "@/to-a-file"},
                {"--out @/to-a-file:", "which is not a folder"}},
        Mistake{"OutBelowADanglingLink",
                {"run", "--out", "@/dangling/r"},
                {"--out @/dangling/r:", "which does not exist"}},
        Mistake{"OutThroughAFile",
                {"run", "--out", "@/s.toml/r"},
                {"--out @/s.toml/r:", "a part of the path is a file"}},
        Mistake{"OutNameTooLong", {"run", "--out", std::string(300, 'n')}, {"at most 255 bytes"}},
        Mistake{"OutNameTooLongBelowAFolderToMake",
                {"run", "--out", "new/" + std::string(256, 'n')},
                {"--out new/nnn", "at most 255 bytes"}},
        Mistake{"SweepOutDot", {"sweep", "--out", "."}, {"--out .:", "the current folder"}},
        Mistake{"SweepOutADanglingLink",
                {"sweep", "--out", "@/dangling"},
                {"--out @/dangling:", "does not exist"}},
        Mistake{"SweepOutAFolderHoldingTheCurrentOne",
                {"sweep", "--out", "@"},
                {"is the current folder or holds it"}},
        Mistake{"ShardWrapsRound",
                {"sweep", "--shard", "1/4294967297", "--out", "@/s"},
                {"--shard 1/4294967297:", "1 <= I <= N <= 4294967295"}},
        Mistake{"ShardNegative", {"sweep", "--shard", "1/-3", "--out", "@/s"}, {"--shard 1/-3:"}},
        Mistake{"ShardSigned", {"sweep", "--shard", "+1/4", "--out", "@/s"}, {"--shard +1/4:"}},
        Mistake{"ShardZero", {"sweep", "--shard", "0/4", "--out", "@/s"}, {"--shard 0/4:"}},
        Mistake{
            "ShardBeyondItsCount", {"sweep", "--shard", "5/4", "--out", "@/s"}, {"--shard 5/4:"}},
        Mistake{"ShardBeyond64Bits",
                {"sweep", "--shard", "1/99999999999999999999", "--out", "@/s"},
                {"--shard 1/99999999999999999999:"}}),
    [](const ::testing::TestParamInfo<Mistake>& p) { return std::string(p.param.title); });

TEST(OutFolders, ALongFolderNameStillGetsItsStagingFolder)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", kScenario);
    std::string out = dir / std::string(250, 'r');
    CommandResult r = RunCommand({"run", dir / "s.toml", "-q", "--out", out});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::exists(out + "/summary.json"));
    EXPECT_TRUE(EntriesHolding(dir.Path(), ".partial-").empty());
}

// ---- Class 9: folders that are not gcsim's, and links ----------------------------------

/// A folder of the user's own, with names gcsim also writes, and a link to it.
struct UserFolder
{
    ScratchFolder dir;
    std::string folder = dir / "mine";
    std::string scenario = dir / "s.toml";

    explicit UserFolder(bool foreignMarkers)
    {
        fs::create_directories(folder);
        WriteFile(folder + "/notes.txt", "my notes\n");
        WriteFile(folder + "/summary.csv", "my,summary\n1,2\n");
        WriteFile(folder + "/report.html", "<p>my report</p>\n");
        WriteFile(folder + "/aggregate.csv", "my,aggregate\n");
        if (foreignMarkers)
        {
            // Files of the same names from another tool: not gcsim's markers.
            WriteFile(folder + "/summary.json", "{\"total\": 3}\n");
            WriteFile(folder + "/sweep.json", "{\"name\": \"mine\", \"runs\": 4}\n");
        }
        fs::create_symlink(folder, dir / "link");
        WriteFile(scenario, std::string(kScenario) + "[sweep]\nrepetitions = 2\n");
    }
};

class UserFolders : public ::testing::TestWithParam<bool>
{
};

TEST_P(UserFolders, SweepCollectReportPlotSlurmAndRunLeaveEveryByteAsItWas)
{
    UserFolder user(GetParam());
    auto before = Snapshot(user.dir.Path());
    for (const std::string& where : {user.folder, user.dir / "link"})
    {
        std::vector<std::vector<std::string>> commands = {
            {"sweep", user.scenario, "--out", where},
            {"sweep", user.scenario, "--out", where, "--shard", "1/2", "--no-collect"},
            {"slurm", user.scenario, "--out", where},
            {"run", user.scenario, "--out", where},
            {"collect", where},
            {"report", where},
            {"plot", where}};
        for (const auto& command : commands)
        {
            SCOPED_TRACE("gcsim " + command[0] + " into " + where);
            CommandResult r = RunCommand(command);
            EXPECT_EQ(r.status, 2) << r.err;
            EXPECT_NE(r.err.find(where), std::string::npos) << r.err;
            EXPECT_EQ(r.out, "");
            EXPECT_EQ(Snapshot(user.dir.Path()), before);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Folders, UserFolders, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p)
                         { return p.param ? "WithForeignJson" : "Plain"; });

TEST(OutFolders, ALinkToAFolderIsFollowedAndKept)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", kScenario);
    fs::create_directories(dir / "disk/results");
    fs::create_symlink(dir / "disk/results", dir / "link");
    for (int i = 0; i < 2; ++i)
    {
        CommandResult r = RunCommand({"run", dir / "s.toml", "-q", "--out", dir / "link"});
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_NE(r.out.find("results in " + dir / "link"), std::string::npos) << r.out;
    }
    EXPECT_TRUE(fs::is_symlink(dir / "link"));
    EXPECT_EQ(fs::read_symlink(dir / "link"), fs::path(dir / "disk/results"));
    EXPECT_TRUE(fs::exists(dir / "link/summary.json"));
    EXPECT_TRUE(fs::exists(dir / "disk/results.1/summary.json")); // the first run, moved aside
    EXPECT_TRUE(EntriesHolding(dir.Path(), ".partial-").empty());

    // A sweep follows a link the same way.
    WriteFile(dir / "sweep.toml", std::string(kScenario) + "[sweep]\nrepetitions = 2\n");
    fs::create_directories(dir / "disk/sweep");
    fs::create_symlink(dir / "disk/sweep", dir / "sweep-link");
    CommandResult r =
        RunCommand({"sweep", dir / "sweep.toml", "--out", dir / "sweep-link", "-j", "1"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::is_symlink(dir / "sweep-link"));
    EXPECT_TRUE(fs::exists(dir / "disk/sweep/sweep.json"));
    EXPECT_TRUE(fs::exists(dir / "disk/sweep/summary.csv"));
}

TEST(OutFolders, AnEmptyFolderOrAnEarlierSweepIsTheSweepsOwn)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", std::string(kScenario) + "[sweep]\nrepetitions = 2\n");
    fs::create_directories(dir / "empty");
    CommandResult first = RunCommand({"sweep", dir / "s.toml", "--out", dir / "empty", "-j", "1"});
    ASSERT_EQ(first.status, 0) << first.err;
    CommandResult again = RunCommand({"sweep", dir / "s.toml", "--out", dir / "empty", "-j", "1"});
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_NE(again.out.find("2 already complete"), std::string::npos) << again.out;
    EXPECT_EQ(RunCommand({"collect", dir / "empty"}).status, 0);
    EXPECT_EQ(RunCommand({"report", dir / "empty"}).status, 0);
}

TEST(OutFolders, ReportAndPlotReadNoFifoInAResultsFolder)
{
    ScratchFolder dir;
    WriteFile(dir / "s.toml", kScenario);
    ASSERT_EQ(RunCommand({"run", dir / "s.toml", "-q", "--out", dir / "r"}).status, 0);
    for (const char* file : {"deliveries.csv", "table.txt", "animation.json"})
    {
        std::string path = dir / "r/" + file;
        fs::remove(path);
        ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
    }
    // Each would wait for a writer forever if it opened a FIFO to read.
    CommandResult plot = RunCommand({"plot", dir / "r"});
    EXPECT_EQ(plot.status, 2) << plot.err;
    EXPECT_NE(plot.err.find("deliveries.csv: is not a regular file"), std::string::npos)
        << plot.err;
    CommandResult report = RunCommand({"report", dir / "r"});
    EXPECT_EQ(report.status, 0) << report.err;
}

// ---- Class 9 and 10: another user's results in a sticky shared folder ------------------

/// Runs gcsim as the user nobody (65534) in \p cwd; its exit status, output and errors.
CommandResult
RunAsNobody(const std::vector<std::string>& args, const std::string& cwd, const ScratchFolder& logs)
{
    pid_t pid = Start(args, logs / "out", logs / "err",
                      [&]
                      {
                          if (::chdir(cwd.c_str()) != 0 || ::setgroups(0, nullptr) != 0 ||
                              ::setgid(65534) != 0 || ::setuid(65534) != 0)
                          {
                              ::_exit(125);
                          }
                      });
    int status = Wait(pid);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(logs / "out"),
            ReadFile(logs / "err")};
}

/// A sticky, world-writable folder (like /tmp) inside a folder everybody may enter.
struct StickyFolder
{
    ScratchFolder dir;
    ScratchFolder logs;
    std::string shared = dir / "shared";

    StickyFolder()
    {
        fs::permissions(dir.Path(), fs::perms(0755));
        fs::create_directories(shared);
        fs::permissions(shared, fs::perms(01777));
        WriteFile(shared + "/s.toml", kScenario);
        fs::permissions(shared + "/s.toml", fs::perms(0644));
    }
};

TEST(StickyFolders, AnotherUsersResultsAreRefusedBeforeSimulating)
{
    if (!IsRoot())
    {
        GTEST_SKIP() << "needs root, to run gcsim as another user";
    }
    StickyFolder sticky;
    // root's old results, in the shared folder.
    ASSERT_EQ(
        RunCommand({"run", sticky.shared + "/s.toml", "-q", "--out", sticky.shared + "/r"}).status,
        0);
    auto before = Snapshot(sticky.dir.Path());
    CommandResult r = RunAsNobody({"run", "s.toml", "--out", "r"}, sticky.shared, sticky.logs);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_EQ(r.err.rfind("gcsim: error: --out r: belongs to another user (uid 0)", 0), 0U)
        << r.err;
    EXPECT_NE(r.err.find("sticky bit"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(Snapshot(sticky.dir.Path()), before); // no staging, no r.1
}

TEST(StickyFolders, TheUsersOwnRerunIsMovedAsideAsEverywhere)
{
    if (!IsRoot())
    {
        GTEST_SKIP() << "needs root, to run gcsim as another user";
    }
    StickyFolder sticky;
    for (int i = 0; i < 2; ++i)
    {
        CommandResult r =
            RunAsNobody({"run", "s.toml", "-q", "--out", "r"}, sticky.shared, sticky.logs);
        ASSERT_EQ(r.status, 0) << r.err;
    }
    EXPECT_TRUE(fs::exists(sticky.shared + "/r/summary.json"));
    EXPECT_TRUE(fs::exists(sticky.shared + "/r.1/summary.json"));
}

// ---- Class 10: concurrent runs into one --out ------------------------------------------

TEST(ConcurrentRuns, SeveralRunsIntoOneOutAllSucceedAndEveryResultIsKept)
{
    ScratchFolder dir;
    ScratchFolder logs;
    WriteFile(dir / "s.toml", kScenario);
    const int runs = 6;
    std::vector<pid_t> pids;
    for (int k = 1; k <= runs; ++k)
    {
        pids.push_back(Start({"run", dir / "s.toml", "-q", "--set", "seed=" + std::to_string(k),
                              "--out", dir / "new/d"},
                             logs / ("out" + std::to_string(k)),
                             logs / ("err" + std::to_string(k))));
    }
    for (int k = 1; k <= runs; ++k)
    {
        int status = Wait(pids[k - 1]);
        std::string err = ReadFile(logs / ("err" + std::to_string(k)));
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "run " << k << ": " << err;
        EXPECT_EQ(err, "");
    }
    // DEST, DEST.1, ... DEST.5 (and their parent, made by whichever came first): one folder
    // per run, each whole, each run's own seed.
    std::set<std::string> seeds;
    for (int i = 0; i < runs; ++i)
    {
        std::string folder = dir / ("new/d" + (i ? "." + std::to_string(i) : std::string()));
        ASSERT_TRUE(fs::exists(folder + "/summary.json")) << folder;
        std::string toml = ReadFile(folder + "/scenario.toml");
        auto at = toml.find("\nseed = ");
        ASSERT_NE(at, std::string::npos);
        seeds.insert(toml.substr(at + 8, toml.find('\n', at + 1) - at - 8));
    }
    EXPECT_EQ(seeds, (std::set<std::string>{"1", "2", "3", "4", "5", "6"}));
    EXPECT_FALSE(fs::exists(dir / ("new/d." + std::to_string(runs))));
    EXPECT_TRUE(EntriesHolding(dir.Path(), ".partial-").empty());
}

/// A complete-looking run folder's summary.json.
void
WriteSummary(const ResultsFolder& folder, const std::string& tag)
{
    WriteFile(folder.Path("summary.json"), "{\"modes\": {}, \"tag\": \"" + tag + "\"}\n");
}

TEST(ConcurrentRuns, TwoFoldersStagedTogetherAreCommittedOneAfterTheOther)
{
    ScratchFolder dir;
    std::string dest = dir / "d";
    ResultsFolder first(dest);
    ResultsFolder second(dest);
    WriteSummary(first, "first");
    WriteSummary(second, "second");
    EXPECT_EQ(first.Commit(), "");
    EXPECT_EQ(second.Commit(), dest + ".1");
    EXPECT_NE(ReadFile(dest + "/summary.json").find("second"), std::string::npos);
    EXPECT_NE(ReadFile(dest + ".1/summary.json").find("first"), std::string::npos);
    EXPECT_FALSE(fs::exists(dest + "/.gcsim-lock"));
    EXPECT_TRUE(EntriesHolding(dir.Path(), ".partial-").empty());
}

TEST(ConcurrentRuns, UserFilesPutAtTheDestinationMeanwhileAreLeftAlone)
{
    ScratchFolder dir;
    std::string dest = dir / "d";
    ResultsFolder folder(dest);
    WriteSummary(folder, "run");
    fs::create_directories(dest);
    WriteFile(dest + "/thesis.tex", "precious");
    EXPECT_EQ(folder.Commit(), "");
    EXPECT_EQ(folder.Destination(), dest + ".1");
    EXPECT_EQ(ReadFile(dest + "/thesis.tex"), "precious");
    EXPECT_TRUE(fs::exists(dest + ".1/summary.json"));
}

// ---- Class 10: staging folders of dead runs --------------------------------------------

/// A staging folder as a run of \p host with process \p pid leaves it; its lock file's
/// descriptor if \p lock (held while open), else -1.
int
FakeStaging(const std::string& path, const std::string& host, pid_t pid, bool lockFile, bool lock)
{
    fs::create_directories(path);
    WriteFile(path + "/deliveries.csv", "half a file");
    if (!lockFile)
    {
        return -1;
    }
    WriteFile(path + "/.gcsim-lock",
              "gcsim staging folder of process " + std::to_string(pid) + " on " + host + "\n");
    int fd = ::open((path + "/.gcsim-lock").c_str(), O_RDWR | O_CLOEXEC);
    if (lock)
    {
        EXPECT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
        return fd;
    }
    ::close(fd);
    return -1;
}

TEST(DeadStaging, TheLockDecidesWhateverHostOrProcessIdTheNameHolds)
{
    ScratchFolder dir;
    std::string host = HostName();
    // Alive on another host (its lock held): kept. Dead on another host: removed.
    int liveElsewhere = FakeStaging(dir / ".a.partial-elsewhere-7-0", "elsewhere", 7, true, true);
    FakeStaging(dir / ".b.partial-elsewhere-8-0", "elsewhere", 8, true, false);
    // This host, a process id that is alive (ours: a reused id), lock free: dead, removed.
    FakeStaging(dir / (".c.partial-" + host + "-" + std::to_string(::getpid()) + "-0"), host,
                ::getpid(), true, false);
    // No lock file, this host, a process id that is gone (an older gcsim's): removed.
    FakeStaging(dir / (".d.partial-" + host + "-999999999"), host, 999999999, false, false);
    // No lock file, another host: cannot be judged, kept.
    FakeStaging(dir / ".e.partial-elsewhere-9-0", "elsewhere", 9, false, false);
    // A user's hidden folder with a lock file that is not gcsim's: kept.
    fs::create_directories(dir / ".notes.partial-draft");
    WriteFile(dir / ".notes.partial-draft/.gcsim-lock", "my own lock\n");

    RemoveDeadStaging(dir.Path());
    std::set<std::string> left;
    for (const auto& e : fs::directory_iterator(dir.Path()))
    {
        left.insert(e.path().filename().string());
    }
    EXPECT_EQ(left, (std::set<std::string>{".a.partial-elsewhere-7-0", ".e.partial-elsewhere-9-0",
                                           ".notes.partial-draft"}));
    ::close(liveElsewhere); // its process ends: the next look removes it
    RemoveDeadStaging(dir.Path());
    EXPECT_FALSE(fs::exists(dir / ".a.partial-elsewhere-7-0"));
}

/// Starts `gcsim run` of a long scenario into DIR/r, its output into a full pipe: it stays
/// between its staging folder's creation and its commit. Returns its pid once the staging
/// folder (and its lock file) exist.
pid_t
StartBlockedRun(const ScratchFolder& dir, const ScratchFolder& logs, const FullPipe& pipe)
{
    WriteFile(dir / "long.toml", std::string(kScenario) + "\n");
    pid_t pid =
        Start({"run", dir / "long.toml", "--set", "traffic.messages=100000", "--out", dir / "r"},
              logs / "out", logs / "err", [&] { ::dup2(pipe.WriteEnd(), STDOUT_FILENO); });
    int status = 0;
    bool staged = WaitUntil(
        [&]
        {
            for (const auto& staging : EntriesHolding(dir.Path(), ".r.partial-"))
            {
                if (fs::exists(staging + "/.gcsim-lock"))
                {
                    return true;
                }
            }
            return false;
        },
        pid, status);
    EXPECT_TRUE(staged) << "the run ended first: " << ReadFile(logs / "err");
    return pid;
}

TEST(DeadStaging, ASigkilledRunsStagingIsRemovedByTheNextRun)
{
    ScratchFolder dir;
    ScratchFolder logs;
    FullPipe pipe;
    pid_t pid = StartBlockedRun(dir, logs, pipe);
    ::kill(pid, SIGKILL);
    Wait(pid);
    ASSERT_EQ(EntriesHolding(dir.Path(), ".partial-").size(), 1U); // SIGKILL cannot clean up
    CommandResult next = RunCommand({"run", dir / "long.toml", "-q", "--out", dir / "r"});
    ASSERT_EQ(next.status, 0) << next.err;
    EXPECT_TRUE(EntriesHolding(dir.Path(), ".partial-").empty());
    EXPECT_TRUE(fs::exists(dir / "r/summary.json"));
}

// ---- Class 10: SIGINT, SIGTERM, SIGHUP -------------------------------------------------

class Interrupts : public ::testing::TestWithParam<int>
{
};

TEST_P(Interrupts, ARunRemovesItsStagingSaysSoInOneLineAndExits128PlusTheSignal)
{
    int signal = GetParam();
    ScratchFolder dir;
    ScratchFolder logs;
    FullPipe pipe;
    pid_t pid = StartBlockedRun(dir, logs, pipe);
    ::kill(pid, signal);
    int status = Wait(pid);
    std::string err = ReadFile(logs / "err");
    ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status) << ": " << err;
    EXPECT_EQ(WEXITSTATUS(status), 128 + signal) << err;
    std::string name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "SIGHUP";
    EXPECT_EQ(err, "gcsim: stopped by " + name + "; the unfinished results were removed; " +
                       (dir / "r") + " is as it was\n");
    EXPECT_EQ(Snapshot(dir.Path()).size(), 1U) << "only long.toml should be left";
}

INSTANTIATE_TEST_SUITE_P(Signals, Interrupts, ::testing::Values(SIGINT, SIGTERM, SIGHUP),
                         [](const ::testing::TestParamInfo<int>& p)
                         {
                             return p.param == SIGINT    ? std::string("Sigint")
                                    : p.param == SIGTERM ? std::string("Sigterm")
                                                         : std::string("Sighup");
                         });

TEST(SweepInterrupts, SigintStopsItsRunsRemovesTheirStagingAndExits130)
{
    ScratchFolder dir;
    ScratchFolder logs;
    FullPipe pipe;
    WriteFile(dir / "sweep.toml",
              std::string(kScenario) +
                  "[sweep]\nrepetitions = 5\n\"traffic.messages\" = [100000]\n");
    Sweep sweep(dir / "sweep.toml", {});
    // Each run through a wrapper that drops --quiet and prints into the full pipe: it blocks
    // at its first line, its staging folder made, until it is signalled.
    std::string wrapper = dir / "blocked-run";
    WriteFile(wrapper, std::string("#!/bin/sh\nfor a do shift; [ \"$a\" = --quiet ] || set -- "
                                   "\"$@\" \"$a\"; done\nexec ") +
                           GCSIM_BINARY + " \"$@\" >&9\n");
    fs::permissions(wrapper, fs::perms(0755));
    pid_t pid = ::fork();
    if (pid == 0)
    {
        ::setpgid(0, 0);
        ::dup2(pipe.WriteEnd(), 9);
        int err = ::open((logs / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(err, STDERR_FILENO);
        SweepOptions options;
        options.out = dir / "s";
        options.jobs = 2;
        options.collect = false;
        options.executable = wrapper;
        std::ostringstream out;
        RunSweep(sweep, options, out);
        ::_exit(0);
    }
    ASSERT_GT(pid, 0);
    ::setpgid(pid, pid); // as the child does: no race over which comes first
    int status = 0;
    bool blocked = WaitUntil(
        [&]
        {
            std::size_t locked = 0;
            for (const auto& staging : EntriesHolding(dir / "s/runs", ".partial-"))
            {
                locked += fs::exists(staging + "/.gcsim-lock");
            }
            return locked == 2;
        },
        pid, status);
    ASSERT_TRUE(blocked) << "the sweep ended first: " << ReadFile(logs / "err");
    ::kill(pid, SIGINT);
    status = Wait(pid);
    std::string err = ReadFile(logs / "err");
    errno = 0;
    bool groupGone = ::kill(-pid, 0) != 0 && errno == ESRCH;
    if (!groupGone)
    {
        ::kill(-pid, SIGKILL); // leave nothing running, whatever the verdict
    }
    ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status) << ": " << err;
    EXPECT_EQ(WEXITSTATUS(status), 130) << err;
    EXPECT_EQ(err.rfind("gcsim: stopped by SIGINT; its unfinished runs were stopped", 0), 0U)
        << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
    EXPECT_TRUE(groupGone) << "a run of the sweep is still running";
    EXPECT_TRUE(EntriesHolding(dir / "s", ".partial-").empty());
    EXPECT_TRUE(EntriesHolding(dir / "s", ".tmp-").empty());
    std::size_t stopped = 0;
    for (const auto& e : fs::directory_iterator(dir / "s/logs"))
    {
        stopped += ReadFile(e.path().string()).find("stopped by SIGTERM") != std::string::npos;
    }
    EXPECT_EQ(stopped, 2U);
    for (const auto& e : fs::directory_iterator(dir / "s/runs"))
    {
        EXPECT_TRUE(fs::exists(e.path() / "summary.json")) << "half a run: " << e.path();
    }
}

// ---- Class 10: a full disk -------------------------------------------------------------

TEST(DiskFull, ARunThatDoesNotFitLeavesNothingAndNamesTheFile)
{
    if (!IsRoot())
    {
        GTEST_SKIP() << "needs root, to mount a tmpfs";
    }
    ScratchFolder dir;
    Tmpfs disk(dir / "disk", "128k");
    if (!disk.Mounted())
    {
        GTEST_SKIP() << "cannot mount a tmpfs: " << disk.Error();
    }
    WriteFile(dir / "s.toml", kScenario);
    CommandResult r = RunCommand(
        {"run", dir / "s.toml", "-q", "--set", "traffic.messages=2000", "--out", dir / "disk/r"});
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(r.err.rfind("gcsim: error: cannot write " + dir / "disk/r/", 0), 0U) << r.err;
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(fs::is_empty(dir / "disk")) << "left behind: " << dir.Entries().size();
}

TEST(DiskFull, ASweepThatDoesNotFitLeavesNoTemporaryFileNorHalfARun)
{
    if (!IsRoot())
    {
        GTEST_SKIP() << "needs root, to mount a tmpfs";
    }
    ScratchFolder dir;
    Tmpfs disk(dir / "disk", "512k");
    if (!disk.Mounted())
    {
        GTEST_SKIP() << "cannot mount a tmpfs: " << disk.Error();
    }
    WriteFile(dir / "s.toml",
              std::string(kScenario) + "[sweep]\nrepetitions = 4\n\"traffic.messages\" = [1000]\n");
    CommandResult r = RunCommand({"sweep", dir / "s.toml", "-j", "2", "--out", dir / "disk/s"});
    EXPECT_EQ(r.status, 1) << r.out << r.err;
    EXPECT_TRUE(EntriesHolding(dir / "disk", ".tmp").empty());
    EXPECT_TRUE(EntriesHolding(dir / "disk", ".partial-").empty());
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir / "disk/s/runs", ec);
         !ec && it != fs::directory_iterator(); ++it)
    {
        EXPECT_TRUE(fs::exists(it->path() / "summary.json")) << "half a run: " << it->path();
    }
}

TEST(DiskFull, CollectReportAndPlotOnAFullDiskKeepTheFilesAsTheyWere)
{
    if (!IsRoot())
    {
        GTEST_SKIP() << "needs root, to mount a tmpfs";
    }
    ScratchFolder dir;
    Tmpfs disk(dir / "disk", "16m");
    if (!disk.Mounted())
    {
        GTEST_SKIP() << "cannot mount a tmpfs: " << disk.Error();
    }
    WriteFile(dir / "s.toml", std::string(kScenario) + "[sweep]\nrepetitions = 2\n");
    std::string sweep = dir / "disk/s";
    CommandResult done = RunCommand({"sweep", dir / "s.toml", "-j", "1", "--out", sweep});
    ASSERT_EQ(done.status, 0) << done.err;
    auto before = Snapshot(sweep);
    disk.Fill();
    CommandResult collect = RunCommand({"collect", sweep});
    EXPECT_EQ(collect.status, 1) << collect.err;
    EXPECT_NE(collect.err.find("cannot write " + sweep + "/summary.csv: No space left on device"),
              std::string::npos)
        << collect.err;
    CommandResult report = RunCommand({"report", sweep});
    EXPECT_EQ(report.status, 1) << report.err;
    EXPECT_EQ(report.out, ""); // no "report in" before the error
    CommandResult plot = RunCommand({"plot", sweep});
    EXPECT_NE(plot.status, 0) << plot.err;
    EXPECT_EQ(Snapshot(sweep), before);
    EXPECT_TRUE(EntriesHolding(dir / "disk", ".tmp").empty());
    EXPECT_TRUE(EntriesHolding(dir / "disk", ".partial-").empty());

    // A report that does not fit names the folder as it is shown, not where it was written.
    try
    {
        WriteReport(sweep, "results/shown");
        ADD_FAILURE() << "report.html written on a full disk";
    }
    catch (const WriteError& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "cannot write results/shown/report.html: No space left on device");
    }
}

// ---- Class 5: pcap files against the open-file limit -----------------------------------

/// Runs a LAN of 300 clients with pcap under the given limits of open files.
CommandResult
RunPcap(const ScratchFolder& dir, const ScratchFolder& logs, rlim_t soft, rlim_t hard)
{
    WriteFile(dir / "pcap.toml", R"(name = "pcap"
[topology]
kind = "lan"
clients = 300
[traffic]
messages = 1
[delivery]
modes = ["multicast", "broadcast"]
[output]
pcap = true
)");
    pid_t pid = Start({"run", dir / "pcap.toml", "--out", dir / "r"}, logs / "out", logs / "err",
                      [&]
                      {
                          rlimit limit{soft, hard};
                          if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
                          {
                              ::_exit(125);
                          }
                      });
    int status = Wait(pid);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(logs / "out"),
            ReadFile(logs / "err")};
}

TEST(PcapFiles, MoreFilesThanTheHardLimitAreRefusedBeforeSimulating)
{
    ScratchFolder dir;
    ScratchFolder logs;
    CommandResult r = RunPcap(dir, logs, 256, 256);
    EXPECT_EQ(r.status, 2) << r.err;
    for (const char* says : {"output.pcap", "301 files open at once", "at most 256 files"})
    {
        EXPECT_NE(r.err.find(says), std::string::npos) << says << " in: " << r.err;
    }
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(dir / "r"));
    EXPECT_TRUE(EntriesHolding(dir.Path(), ".partial-").empty());
}

TEST(PcapFiles, ASoftLimitBelowTheFilesIsRaisedUpToTheHardOne)
{
    ScratchFolder dir;
    ScratchFolder logs;
    CommandResult r = RunPcap(dir, logs, 256, 1024);
    ASSERT_EQ(r.status, 0) << r.err;
    std::size_t pcaps = 0;
    for (const auto& e : fs::directory_iterator(dir / "r"))
    {
        pcaps += e.path().extension() == ".pcap";
    }
    EXPECT_EQ(pcaps, 2U * 301); // two modes, a file per device of the one LAN
}

/// Runs the test from \p folder, and back to where it was after.
class WorkingFolder
{
public:
    explicit WorkingFolder(const std::string& folder)
      : m_previous(fs::current_path())
    {
        fs::current_path(folder);
    }
    ~WorkingFolder()
    {
        fs::current_path(m_previous);
    }

private:
    fs::path m_previous;
};

TEST(ShippedScenarios, ABareNameIsTheShippedScenarioUnlessAFileHasIt)
{
    ScratchFolder dir;
    WorkingFolder here(dir.Path());
    // The test program's folder is build/tests: build/share/gcsim/scenarios links to scenarios/.
    for (const std::string name : {"lan-modes", "lan-modes.toml"})
    {
        CommandResult r = RunCommand({"validate", name});
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_NE(r.out.find("/scenarios/lan-modes.toml: valid: lan-modes, 16 clients"),
                  std::string::npos)
            << r.out;
    }
    // A file of that name where the command runs is read instead.
    WriteFile(dir / "lan-modes.toml",
              "name = \"mine\"\n[topology]\nkind = \"lan\"\nclients = 3\n[group]\nmembers = [1]\n");
    CommandResult own = RunCommand({"validate", "lan-modes.toml"});
    ASSERT_EQ(own.status, 0) << own.err;
    EXPECT_EQ(own.out.rfind("lan-modes.toml: valid: mine, 3 clients", 0), 0U) << own.out;

    CommandResult unknown = RunCommand({"run", "lan-mode", "-q"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("lan-mode: cannot read this scenario file: there is no such "
                               "file, nor a shipped scenario of that name in "),
              std::string::npos)
        << unknown.err;
    EXPECT_NE(unknown.err.find("(shipped: adhoc-flooding, churn, cross-traffic, dense-tree, "),
              std::string::npos)
        << unknown.err;
    EXPECT_NE(unknown.err.find(", lan-modes, "), std::string::npos) << unknown.err;
    EXPECT_FALSE(fs::exists(dir / "results")); // nothing written
    // A path is never looked up among the shipped ones.
    CommandResult path = RunCommand({"validate", "./lan-modes"});
    EXPECT_EQ(path.status, 2);
    EXPECT_EQ(path.err.find("shipped"), std::string::npos) << path.err;
}

} // namespace
} // namespace gcsim::test
